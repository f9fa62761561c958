package org.weft.openflow.translate;

import java.util.OptionalInt;
import org.projectfloodlight.openflow.types.OFBufferId;

/**
 * Switch buffer ids between OpenFlow ({@code buffer_id}, {@code NO_BUFFER} = 0xffffffff) and core
 * ({@link OptionalInt}, empty for {@code NO_BUFFER}), for packet-ins, packet-outs and flow-mods.
 */
public final class OfPackets {

    private OfPackets() {}

    /** A packet-in's raw {@code buffer_id}: empty for {@code NO_BUFFER}. */
    public static OptionalInt toCore(int bufferId) {
        return bufferId == OFBufferId.NO_BUFFER.getInt()
                ? OptionalInt.empty()
                : OptionalInt.of(bufferId);
    }

    public static OFBufferId toOf(OptionalInt id) {
        return id.isPresent() ? OFBufferId.of(id.getAsInt()) : OFBufferId.NO_BUFFER;
    }
}
