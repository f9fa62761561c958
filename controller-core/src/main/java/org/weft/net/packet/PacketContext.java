package org.weft.net.packet;

/**
 * One packet-in on its way through the processors; a processor that takes it calls {@link
 * #block()}.
 */
public final class PacketContext {

    private final InboundPacket packet;
    private volatile boolean blocked;

    public PacketContext(InboundPacket packet) {
        this.packet = packet;
    }

    public InboundPacket inPacket() {
        return packet;
    }

    /** Marks the packet handled: processors after this one see {@link #isBlocked()} true. */
    public void block() {
        blocked = true;
    }

    public boolean isBlocked() {
        return blocked;
    }
}
