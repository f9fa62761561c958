package org.weft.net.packet;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Optional;
import java.util.OptionalInt;
import org.weft.net.ConnectPoint;
import org.weft.net.packet.parse.Ethernet;

/**
 * One packet-in on its way through the processors; a processor that takes it calls {@link
 * #block()}. Its Ethernet header is parsed once, for every processor ({@link #ethernet()}).
 *
 * <p>The packet's parts and its header's fields can also be read one by one without any object
 * ({@link #receivedFrom()}, {@link #ethDst()}, ...): fast steps ({@link
 * PacketProcessor#processFast}) run on every packet-in, and a context built from the parts (as the
 * driver does) makes its {@link InboundPacket} only when one is asked for.
 */
public final class PacketContext {

    private final ConnectPoint receivedFrom;
    private final byte[] data;
    private final long receivedAtNanos;
    private final OptionalInt bufferId;

    /** Where the Ethernet payload starts; -1 for a frame too short for an Ethernet header. */
    private final int payloadOffset;

    private volatile boolean blocked;

    /**
     * The packet as one value, null until first asked for (not volatile: a context moves between
     * threads only through a packet-in worker's lane, a lock, and a race would only build it
     * twice).
     */
    private InboundPacket packet;

    /** What {@link #ethernet} holds for a frame too short for an Ethernet header. */
    private static final Object NOT_ETHERNET = new Object();

    /**
     * The parsed header ({@link #NOT_ETHERNET} if there is none), null until first asked for; the
     * header itself, not an Optional, so that the Optional each call returns can stay off the heap
     * (the call sites unwrap it at once). Not volatile, as {@link #packet}.
     */
    private Object ethernet;

    public PacketContext(InboundPacket packet) {
        this(packet.receivedFrom(), packet.data(), packet.receivedAtNanos(), packet.bufferId());
        this.packet = packet;
    }

    /** A context from the packet's parts (see {@link InboundPacket} for each). */
    public PacketContext(
            ConnectPoint receivedFrom, byte[] data, long receivedAtNanos, OptionalInt bufferId) {
        this.receivedFrom = checkNotNull(receivedFrom, "receivedFrom");
        this.data = checkNotNull(data, "data");
        this.receivedAtNanos = receivedAtNanos;
        this.bufferId = checkNotNull(bufferId, "bufferId");
        this.payloadOffset = Ethernet.payloadOffsetOf(data);
    }

    public InboundPacket inPacket() {
        InboundPacket p = packet;
        if (p == null) {
            p = new InboundPacket(receivedFrom, data, receivedAtNanos, bufferId);
            packet = p;
        }
        return p;
    }

    /** {@link InboundPacket#receivedFrom()}. */
    public ConnectPoint receivedFrom() {
        return receivedFrom;
    }

    /** {@link InboundPacket#data()} (do not modify). */
    public byte[] data() {
        return data;
    }

    /** {@link InboundPacket#bufferId()}. */
    public OptionalInt bufferId() {
        return bufferId;
    }

    /** {@link InboundPacket#isBuffered()}. */
    public boolean isBuffered() {
        return bufferId.isPresent();
    }

    /** The frame's Ethernet header, parsed on first use; empty for a frame too short for one. */
    public Optional<Ethernet> ethernet() {
        Object e = ethernet;
        if (e == null) {
            Optional<Ethernet> parsed = Ethernet.parse(data);
            e = parsed.isPresent() ? parsed.get() : NOT_ETHERNET;
            ethernet = e;
        }
        return e == NOT_ETHERNET ? Optional.empty() : Optional.of((Ethernet) e);
    }

    /**
     * Whether the frame has an Ethernet header ({@link #ethernet()} is present): the header's
     * accessors below are meaningful only then.
     */
    public boolean isEthernet() {
        return payloadOffset >= 0;
    }

    /** {@link Ethernet#dst()}'s value. */
    public long ethDst() {
        return Ethernet.dstOf(data);
    }

    /** {@link Ethernet#src()}'s value. */
    public long ethSrc() {
        return Ethernet.srcOf(data);
    }

    /** {@link Ethernet#vlan()}. */
    public int vlan() {
        return Ethernet.vlanOf(data);
    }

    /** {@link Ethernet#ethType()}. */
    public int ethType() {
        return Ethernet.typeOf(data);
    }

    /** {@link Ethernet#payloadOffset()}. */
    public int payloadOffset() {
        return payloadOffset;
    }

    /** Marks the packet handled: processors after this one see {@link #isBlocked()} true. */
    public void block() {
        blocked = true;
    }

    public boolean isBlocked() {
        return blocked;
    }
}
