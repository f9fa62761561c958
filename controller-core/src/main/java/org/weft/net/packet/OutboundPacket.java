package org.weft.net.packet;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.OptionalInt;
import org.weft.net.Dpid;
import org.weft.net.PortNumber;
import org.weft.net.flow.FlowAction;

/**
 * A packet for a switch to send (packet-out).
 *
 * @param dpid the switch
 * @param inPort the port the packet is treated as having arrived on ({@link PortNumber#CONTROLLER}
 *     if none)
 * @param actions what the switch does with it, usually outputs
 * @param data the frame, starting at the Ethernet header (not sent when {@code bufferId} is
 *     present: the switch sends its buffered packet instead)
 * @param bufferId the switch's buffer holding the packet ({@link InboundPacket#bufferId()} of a
 *     packet-in from this switch), empty to send {@code data} ({@code NO_BUFFER})
 */
public record OutboundPacket(
        Dpid dpid, PortNumber inPort, List<FlowAction> actions, byte[] data, OptionalInt bufferId) {

    public OutboundPacket {
        checkNotNull(dpid, "dpid");
        checkNotNull(inPort, "inPort");
        actions = ImmutableList.copyOf(checkNotNull(actions, "actions"));
        checkNotNull(data, "data");
        checkNotNull(bufferId, "bufferId");
    }

    /** A packet-out carrying its frame. */
    public OutboundPacket(Dpid dpid, PortNumber inPort, List<FlowAction> actions, byte[] data) {
        this(dpid, inPort, actions, data, OptionalInt.empty());
    }

    /**
     * A packet-out of a packet-in's packet from where the switch holds it when it buffered it (the
     * whole packet, even when the packet-in carried only its head; frees the buffer), of its data
     * otherwise. Only for a packet-in from {@code dpid}.
     */
    public static OutboundPacket releasing(
            Dpid dpid, PortNumber inPort, List<FlowAction> actions, InboundPacket in) {
        return new OutboundPacket(dpid, inPort, actions, in.data(), in.bufferId());
    }
}
