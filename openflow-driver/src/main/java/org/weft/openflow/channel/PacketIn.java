package org.weft.openflow.channel;

import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFPort;
import org.weft.net.PortNumber;
import org.weft.openflow.translate.OfPorts;

/**
 * A packet-in as the decoder hands it on: the fields Weft uses, read from the wire by {@link
 * PacketInReader} (or taken from Loxi's message for a frame that reader leaves to Loxi).
 *
 * <p>On a switch's channel the decoder fills one reusable packet-in ({@link #reusable()}) for each
 * packet-in read, its frame in an array it reuses too ({@link FrameArrays}), and hands it on before
 * it reads the next: a listener's packet-in is valid only during the call, and one that keeps it
 * keeps {@link #copy()}.
 */
public final class PacketIn {

    private final boolean reusable;
    private OFVersion version;
    private long xid;
    private int bufferId;
    private PortNumber inPort;
    private byte[] data;

    /**
     * A packet-in of its own.
     *
     * @param version the message's version
     * @param xid the header's transaction id
     * @param bufferId the packet-in's {@code buffer_id}, an unsigned 32-bit value in an int's bits
     *     ({@code NO_BUFFER}, 0xffffffff: the switch sent the whole packet and holds none)
     * @param inPort the port it arrived on; null when the packet-in names none (an OF1.3 match
     *     without IN_PORT)
     * @param data the frame, starting at the Ethernet header (Weft's own copy)
     */
    public PacketIn(OFVersion version, long xid, int bufferId, PortNumber inPort, byte[] data) {
        this(false);
        set(version, xid, bufferId, inPort, data);
    }

    private PacketIn(boolean reusable) {
        this.reusable = reusable;
    }

    /** An empty packet-in that the decoder fills for each one it reads ({@link #set}). */
    static PacketIn reusable() {
        return new PacketIn(true);
    }

    PacketIn set(OFVersion version, long xid, int bufferId, PortNumber inPort, byte[] data) {
        this.version = version;
        this.xid = xid;
        this.bufferId = bufferId;
        this.inPort = inPort;
        this.data = data;
        return this;
    }

    /** The fields of a packet-in Loxi read. */
    static PacketIn of(OFPacketIn pi) {
        OFPort in =
                pi.getVersion() == OFVersion.OF_10
                        ? pi.getInPort()
                        : pi.getMatch().get(MatchField.IN_PORT);
        return new PacketIn(
                pi.getVersion(),
                pi.getXid(),
                pi.getBufferId().getInt(),
                in == null ? null : OfPorts.toCore(in),
                pi.getData());
    }

    /**
     * This packet-in, or, for the decoder's reusable one, a packet-in of its own with its frame.
     */
    public PacketIn copy() {
        return reusable ? new PacketIn(version, xid, bufferId, inPort, data.clone()) : this;
    }

    /** Whether this is the decoder's reusable packet-in (valid only during the call). */
    public boolean isReusable() {
        return reusable;
    }

    public OFVersion version() {
        return version;
    }

    public long xid() {
        return xid;
    }

    public int bufferId() {
        return bufferId;
    }

    public PortNumber inPort() {
        return inPort;
    }

    /** The frame (do not modify; a reusable packet-in's array is filled again for the next). */
    public byte[] data() {
        return data;
    }

    @Override
    public String toString() {
        return "PacketIn[version="
                + version
                + ", xid="
                + xid
                + ", bufferId="
                + Integer.toUnsignedString(bufferId)
                + ", inPort="
                + inPort
                + ", "
                + data.length
                + " bytes]";
    }
}
