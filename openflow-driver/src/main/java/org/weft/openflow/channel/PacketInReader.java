package org.weft.openflow.channel;

import io.netty.buffer.ByteBuf;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.weft.net.PortNumber;

/**
 * Reads OF1.0 and OF1.3 packet-ins straight from their bytes into a {@link PacketIn}: no Loxi
 * message, match or port objects, the frame's copy the only array. It reads only what it is sure
 * Loxi reads the same way (a reason every version knows; in OF1.3, an OXM match of exact IN_PORT,
 * IN_PHY_PORT, METADATA and TUNNEL_ID fields, each at most once; ports that are not unknown
 * reserved numbers; lengths that add up) and leaves every other packet-in to Loxi (returns null):
 * one Loxi rejects is still rejected with Loxi's reason, one with other match fields still reads.
 * On a switch's channel it fills the decoder's reusable packet-in instead ({@link PacketIn}).
 */
final class PacketInReader {

    private PacketInReader() {}

    private static final int WIRE_OF_10 = 1;
    private static final int WIRE_OF_13 = 4;

    /** OF1.0: header(8) buffer_id(4) total_len(2) in_port(2) reason(1) pad(1), then the frame. */
    private static final int OF10_IN_PORT = 14;

    private static final int OF10_REASON = 16;
    private static final int OF10_DATA = 18;

    /** OF1.3: header(8) buffer_id(4) total_len(2) reason(1) table(1) cookie(8), then the match. */
    private static final int OF13_REASON = 14;

    private static final int OF13_MATCH = 24;

    /** The shortest OF1.3 packet-in: an empty match (4 bytes, padded to 8) and the 2-byte pad. */
    private static final int OF13_MIN_LENGTH = OF13_MATCH + 8 + 2;

    private static final int MATCH_TYPE_OXM = 1;

    /** Exact OXM headers (class OPENFLOW_BASIC, field, no mask, length) read here. */
    private static final int OXM_IN_PORT = 0x8000_0004;

    private static final int OXM_IN_PHY_PORT = 0x8000_0204;
    private static final int OXM_METADATA = 0x8000_0408;
    private static final int OXM_TUNNEL_ID = 0x8000_4c08;

    /** Highest reason every version has: NO_MATCH 0, ACTION 1 (and INVALID_TTL 2 from 1.1 on). */
    private static final int MAX_REASON_OF_10 = 1;

    private static final int MAX_REASON_OF_13 = 2;

    /** Reserved port numbers are 0xffffff00 (MAX) and 0xfffffff8 (IN_PORT) up; between: unknown. */
    private static final long OFPP_MAX = 0xffff_ff00L;

    private static final long OFPP_IN_PORT = 0xffff_fff8L;

    /**
     * The packet-in in the complete frame of {@code length} bytes (the header's) at {@code start}
     * in {@code in} (all readable), or null when Loxi must read it. Does not move the reader index.
     */
    static PacketIn read(ByteBuf in, int start, int length) {
        return read(in, start, length, null, null);
    }

    /**
     * As {@link #read(ByteBuf, int, int)}, filling {@code into} (the decoder's reusable packet-in)
     * with the frame in one of {@code arrays}; both null: a packet-in of its own.
     */
    static PacketIn read(ByteBuf in, int start, int length, PacketIn into, FrameArrays arrays) {
        if (in.getUnsignedByte(start + 1) != PacketInAdmission.TYPE_PACKET_IN) {
            return null;
        }
        return switch (in.getUnsignedByte(start)) {
            case WIRE_OF_10 -> read10(in, start, length, into, arrays);
            case WIRE_OF_13 -> read13(in, start, length, into, arrays);
            default -> null;
        };
    }

    private static PacketIn read10(
            ByteBuf in, int start, int length, PacketIn into, FrameArrays arrays) {
        if (length < OF10_DATA || in.getUnsignedByte(start + OF10_REASON) > MAX_REASON_OF_10) {
            return null;
        }
        int port = in.getUnsignedShort(start + OF10_IN_PORT);
        // OF1.0's reserved ports (0xff00 up) are OF1.3's with the high 16 bits set.
        long wide = port >= 0xff00 ? port | 0xffff_0000L : port;
        if (!knownPort(wide)) {
            return null;
        }
        return packetIn(
                into,
                OFVersion.OF_10,
                in.getUnsignedInt(start + 4),
                in.getInt(start + 8),
                PortNumber.of(wide),
                bytes(in, start + OF10_DATA, length - OF10_DATA, arrays));
    }

    private static PacketIn read13(
            ByteBuf in, int start, int length, PacketIn into, FrameArrays arrays) {
        if (length < OF13_MIN_LENGTH
                || in.getUnsignedByte(start + OF13_REASON) > MAX_REASON_OF_13
                || in.getUnsignedShort(start + OF13_MATCH) != MATCH_TYPE_OXM) {
            return null;
        }
        int matchLength = in.getUnsignedShort(start + OF13_MATCH + 2);
        int data = OF13_MATCH + (matchLength + 7) / 8 * 8 + 2;
        if (matchLength < 4 || data > length) {
            return null;
        }
        long inPort = -1;
        boolean phyPort = false;
        boolean metadata = false;
        boolean tunnel = false;
        int end = start + OF13_MATCH + matchLength;
        int at = start + OF13_MATCH + 4;
        while (at < end) {
            if (at + 4 > end) {
                return null;
            }
            int header = in.getInt(at);
            int next = at + 4 + (header & 0xff);
            if (next > end) {
                return null;
            }
            switch (header) {
                case OXM_IN_PORT -> {
                    long p = in.getUnsignedInt(at + 4);
                    if (inPort >= 0 || !knownPort(p)) {
                        return null;
                    }
                    inPort = p;
                }
                case OXM_IN_PHY_PORT -> {
                    if (phyPort || !knownPort(in.getUnsignedInt(at + 4))) {
                        return null;
                    }
                    phyPort = true;
                }
                case OXM_METADATA -> {
                    if (metadata) {
                        return null;
                    }
                    metadata = true;
                }
                case OXM_TUNNEL_ID -> {
                    if (tunnel) {
                        return null;
                    }
                    tunnel = true;
                }
                default -> {
                    return null;
                }
            }
            at = next;
        }
        return packetIn(
                into,
                OFVersion.OF_13,
                in.getUnsignedInt(start + 4),
                in.getInt(start + 8),
                inPort < 0 ? null : PortNumber.of(inPort),
                bytes(in, start + data, length - data, arrays));
    }

    private static PacketIn packetIn(
            PacketIn into,
            OFVersion version,
            long xid,
            int bufferId,
            PortNumber inPort,
            byte[] data) {
        return into == null
                ? new PacketIn(version, xid, bufferId, inPort, data)
                : into.set(version, xid, bufferId, inPort, data);
    }

    /** Whether Loxi takes the 32-bit port number (it refuses unknown reserved ones). */
    private static boolean knownPort(long port) {
        return port <= OFPP_MAX || port >= OFPP_IN_PORT;
    }

    private static byte[] bytes(ByteBuf in, int from, int n, FrameArrays arrays) {
        if (arrays != null) {
            return arrays.copy(in, from, n);
        }
        byte[] b = new byte[n];
        in.getBytes(from, b);
        return b;
    }
}
