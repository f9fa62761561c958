package org.weft.net.packet;

import java.util.List;
import org.weft.net.ConnectPoint;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;

/** Packet-in processors and packet-out. */
public interface PacketService {

    /** Adds a processor; lower priority numbers run first. */
    void addProcessor(PacketProcessor processor, int priority);

    void removeProcessor(PacketProcessor processor);

    /**
     * Asks every switch, now and as it connects, to send packets matching this to the controller
     * (for instance LLDP). The request is kept until cancelled.
     */
    void requestPackets(FlowMatch match, int priority);

    /**
     * Sends a packet out of a switch. Returns false (and sends nothing) if the switch is not
     * connected.
     */
    boolean emit(OutboundPacket packet);

    /**
     * Sends a packet-in's packet back out of the switch it came from, as arriving on its port: the
     * packet-out {@link OutboundPacket#releasing} makes (from the switch's buffer when it has one,
     * else with the packet-in's data). The same as emitting that packet-out; an implementation may
     * write it without building one. Returns false (and sends nothing) if the switch is not
     * connected.
     */
    default boolean emitReleasing(InboundPacket in, List<FlowAction> actions) {
        ConnectPoint from = in.receivedFrom();
        return emit(OutboundPacket.releasing(from.dpid(), from.port(), actions, in));
    }

    /**
     * As {@link #emitReleasing(InboundPacket, List)}, for the context's packet (an implementation
     * may write it without the packet's object: the steady answer of a fast step).
     */
    default boolean emitReleasing(PacketContext context, List<FlowAction> actions) {
        return emitReleasing(context.inPacket(), actions);
    }
}
