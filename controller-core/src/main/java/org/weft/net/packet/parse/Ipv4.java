package org.weft.net.packet.parse;

import java.util.Optional;
import org.weft.net.Ip4Address;

/**
 * The fields of an IPv4 header the controller uses.
 *
 * @param src source address
 * @param dst destination address
 * @param protocol the payload's protocol number
 */
public record Ipv4(Ip4Address src, Ip4Address dst, int protocol) {

    private static final int MIN_LEN = 20;

    /** Parses an IPv4 header; empty for other frames or a malformed header. */
    public static Optional<Ipv4> parse(Ethernet eth) {
        if (!parses(eth)) {
            return Optional.empty();
        }
        byte[] b = eth.frame();
        int o = eth.payloadOffset();
        return Optional.of(
                new Ipv4(
                        Ip4Address.of(Bytes.s32(b, o + 12)),
                        Ip4Address.of(Bytes.s32(b, o + 16)),
                        Bytes.u8(b, o + 9)));
    }

    /** Whether the frame carries an IPv4 header that {@link #parse} reads. */
    public static boolean parses(Ethernet eth) {
        return eth.ethType() == Ethernet.TYPE_IPV4 && parses(eth.frame(), eth.payloadOffset());
    }

    /**
     * The source address of a frame that {@link #parses}, read alone (host learning needs no more,
     * on every packet-in).
     */
    public static Ip4Address sourceOf(Ethernet eth) {
        return Ip4Address.of(sourceOf(eth.frame(), eth.payloadOffset()));
    }

    /**
     * As {@link #parses(Ethernet)}, for an IPv4 payload at {@code offset} of the frame (the
     * Ethernet type already checked), without the header's object.
     */
    public static boolean parses(byte[] frame, int offset) {
        if (!Bytes.has(frame, offset, MIN_LEN)) {
            return false;
        }
        int versionIhl = Bytes.u8(frame, offset);
        return versionIhl >> 4 == 4 && (versionIhl & 0xf) * 4 >= MIN_LEN;
    }

    /** As {@link #sourceOf(Ethernet)}, the address's value, for a payload that {@link #parses}. */
    public static int sourceOf(byte[] frame, int offset) {
        return Bytes.s32(frame, offset + 12);
    }

    /** A 20-byte header (no options, TTL 64, checksum computed) followed by the payload. */
    public byte[] toBytes(byte[] payload) {
        byte[] b = new byte[MIN_LEN + payload.length];
        b[0] = 0x45;
        Bytes.put16(b, 2, b.length);
        b[8] = 64;
        b[9] = (byte) protocol;
        Bytes.put32(b, 12, src.value());
        Bytes.put32(b, 16, dst.value());
        int sum = 0;
        for (int i = 0; i < MIN_LEN; i += 2) {
            sum += Bytes.u16(b, i);
        }
        while (sum > 0xffff) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        Bytes.put16(b, 10, ~sum & 0xffff);
        System.arraycopy(payload, 0, b, MIN_LEN, payload.length);
        return b;
    }
}
