package org.weft.net.packet;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

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
 *
 * <p>A context made by {@link #reusable()} is filled again for every packet-in ({@link #reset}),
 * and so is its frame's array: the driver hands the fast steps such a context, valid only during
 * the call. A fast step keeps neither the context nor its {@link #data()} nor the {@link
 * InboundPacket} it makes; what must outlive the call takes {@link #copy()}, as the driver does for
 * a packet that goes on to the full steps.
 */
public final class PacketContext {

    private final boolean reusable;
    private ConnectPoint receivedFrom;
    private byte[] data;
    private long receivedAtNanos;

    /** The buffer id's value; meaningful only when {@link #buffered}. */
    private int bufferId;

    private boolean buffered;

    /** Where the Ethernet payload starts; -1 for a frame too short for an Ethernet header. */
    private int payloadOffset;

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
        this.reusable = false;
        checkNotNull(bufferId, "bufferId");
        fill(
                receivedFrom,
                data,
                receivedAtNanos,
                bufferId.isPresent(),
                bufferId.isPresent() ? bufferId.getAsInt() : 0);
    }

    private PacketContext() {
        this.reusable = true;
    }

    /** An empty context to be filled by {@link #reset} for each packet (see the class comment). */
    public static PacketContext reusable() {
        return new PacketContext();
    }

    /**
     * Fills a {@link #reusable()} context with the next packet's parts, as the constructor does
     * (the buffer id as a flag and a value: no {@link OptionalInt} to make for a buffered packet);
     * whatever the last packet left (its parsed header, its packet, {@link #isBlocked()}) is gone.
     */
    public PacketContext reset(
            ConnectPoint receivedFrom,
            byte[] data,
            long receivedAtNanos,
            boolean buffered,
            int bufferId) {
        checkState(reusable, "only a reusable context is reset");
        fill(receivedFrom, data, receivedAtNanos, buffered, bufferId);
        packet = null;
        ethernet = null;
        blocked = false;
        return this;
    }

    private void fill(
            ConnectPoint receivedFrom,
            byte[] data,
            long receivedAtNanos,
            boolean buffered,
            int bufferId) {
        this.receivedFrom = checkNotNull(receivedFrom, "receivedFrom");
        this.data = checkNotNull(data, "data");
        this.receivedAtNanos = receivedAtNanos;
        this.buffered = buffered;
        this.bufferId = bufferId;
        this.payloadOffset = Ethernet.payloadOffsetOf(data);
    }

    /**
     * A context of its own for what must outlive the call: a reusable one's parts with a copy of
     * its frame (not blocked, nothing parsed yet); any other context is its own already.
     */
    public PacketContext copy() {
        if (!reusable) {
            return this;
        }
        return new PacketContext(receivedFrom, data.clone(), receivedAtNanos, bufferId());
    }

    public InboundPacket inPacket() {
        InboundPacket p = packet;
        if (p == null) {
            p = new InboundPacket(receivedFrom, data, receivedAtNanos, bufferId());
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
        return buffered ? OptionalInt.of(bufferId) : OptionalInt.empty();
    }

    /** {@link #bufferId()}'s value without an {@link OptionalInt}; meaningful when buffered. */
    public int bufferIdValue() {
        return bufferId;
    }

    /** {@link InboundPacket#isBuffered()}. */
    public boolean isBuffered() {
        return buffered;
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
