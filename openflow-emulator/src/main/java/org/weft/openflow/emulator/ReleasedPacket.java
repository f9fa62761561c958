package org.weft.openflow.emulator;

import java.util.Set;
import org.weft.net.PortNumber;

/**
 * A buffered packet an emulated switch sent on because the controller named its buffer.
 *
 * @param bufferId the buffer it was held in
 * @param by the message that named the buffer
 * @param inPort the port it had arrived on
 * @param outputs the ports it left by: what the table says after the flow-mod, or the packet-out's
 *     output actions
 */
public record ReleasedPacket(int bufferId, By by, PortNumber inPort, Set<PortNumber> outputs) {

    /** The message that released a buffer. */
    public enum By {
        FLOW_MOD,
        PACKET_OUT
    }

    public ReleasedPacket {
        outputs = Set.copyOf(outputs);
    }
}
