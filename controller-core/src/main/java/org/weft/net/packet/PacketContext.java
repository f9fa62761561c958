package org.weft.net.packet;

import java.util.Optional;
import org.weft.net.packet.parse.Ethernet;

/**
 * One packet-in on its way through the processors; a processor that takes it calls {@link
 * #block()}. Its Ethernet header is parsed once, for every processor ({@link #ethernet()}).
 */
public final class PacketContext {

    private final InboundPacket packet;
    private volatile boolean blocked;

    /**
     * The parsed header, null until first asked for. Not volatile: a context moves between threads
     * only through a packet-in worker's lane (a lock), and a race would only parse twice.
     */
    private Optional<Ethernet> ethernet;

    public PacketContext(InboundPacket packet) {
        this.packet = packet;
    }

    public InboundPacket inPacket() {
        return packet;
    }

    /** The frame's Ethernet header, parsed on first use; empty for a frame too short for one. */
    public Optional<Ethernet> ethernet() {
        Optional<Ethernet> e = ethernet;
        if (e == null) {
            e = Ethernet.parse(packet.data());
            ethernet = e;
        }
        return e;
    }

    /** Marks the packet handled: processors after this one see {@link #isBlocked()} true. */
    public void block() {
        blocked = true;
    }

    public boolean isBlocked() {
        return blocked;
    }
}
