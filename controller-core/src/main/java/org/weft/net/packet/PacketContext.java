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

    /** What {@link #ethernet} holds for a frame too short for an Ethernet header. */
    private static final Object NOT_ETHERNET = new Object();

    /**
     * The parsed header ({@link #NOT_ETHERNET} if there is none), null until first asked for; the
     * header itself, not an Optional, so that the Optional each call returns can stay off the heap
     * (the call sites unwrap it at once). Not volatile: a context moves between threads only
     * through a packet-in worker's lane (a lock), and a race would only parse twice.
     */
    private Object ethernet;

    public PacketContext(InboundPacket packet) {
        this.packet = packet;
    }

    public InboundPacket inPacket() {
        return packet;
    }

    /** The frame's Ethernet header, parsed on first use; empty for a frame too short for one. */
    public Optional<Ethernet> ethernet() {
        Object e = ethernet;
        if (e == null) {
            Optional<Ethernet> parsed = Ethernet.parse(packet.data());
            e = parsed.isPresent() ? parsed.get() : NOT_ETHERNET;
            ethernet = e;
        }
        return e == NOT_ETHERNET ? Optional.empty() : Optional.of((Ethernet) e);
    }

    /** Marks the packet handled: processors after this one see {@link #isBlocked()} true. */
    public void block() {
        blocked = true;
    }

    public boolean isBlocked() {
        return blocked;
    }
}
