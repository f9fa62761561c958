package org.weft.openflow.translate;

import java.util.OptionalInt;
import org.projectfloodlight.openflow.types.OFBufferId;

/**
 * Switch buffer ids between OpenFlow ({@code buffer_id}, {@code NO_BUFFER} = 0xffffffff) and core
 * ({@link OptionalInt}, empty for {@code NO_BUFFER}), for packet-ins, packet-outs and flow-mods.
 */
public final class OfPackets {

    private OfPackets() {}

    public static OptionalInt toCore(OFBufferId id) {
        return id == null || id.equals(OFBufferId.NO_BUFFER)
                ? OptionalInt.empty()
                : OptionalInt.of(id.getInt());
    }

    public static OFBufferId toOf(OptionalInt id) {
        return id.isPresent() ? OFBufferId.of(id.getAsInt()) : OFBufferId.NO_BUFFER;
    }
}
