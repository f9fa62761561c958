package org.weft.net.packet;

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
}
