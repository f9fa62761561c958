package org.weft.net.packet.parse;

import java.util.Optional;
import org.weft.net.Ip6Address;

/**
 * The fields of an IPv6 header the controller uses, and the ICMPv6 type and target of neighbour
 * discovery messages carried directly after it (no extension headers).
 *
 * @param src source address ({@code ::} during duplicate address detection)
 * @param dst destination address
 * @param nextHeader the payload's protocol number
 * @param icmpType the ICMPv6 type when {@code nextHeader} is ICMPv6, else -1
 * @param ndpTarget the target address of a neighbour solicitation or advertisement, else null
 */
public record Ipv6(
        Ip6Address src, Ip6Address dst, int nextHeader, int icmpType, Ip6Address ndpTarget) {

    public static final int PROTO_ICMPV6 = 58;
    public static final int NEIGHBOR_SOLICITATION = 135;
    public static final int NEIGHBOR_ADVERTISEMENT = 136;
    private static final int HEADER_LEN = 40;
    private static final int NDP_LEN = 24;

    /** Parses an IPv6 header (and NDP fields); empty for other frames or a malformed header. */
    public static Optional<Ipv6> parse(Ethernet eth) {
        byte[] b = eth.frame();
        int o = eth.payloadOffset();
        if (eth.ethType() != Ethernet.TYPE_IPV6 || !Bytes.has(b, o, HEADER_LEN)) {
            return Optional.empty();
        }
        if (Bytes.u8(b, o) >> 4 != 6) {
            return Optional.empty();
        }
        int next = Bytes.u8(b, o + 6);
        int icmpType = -1;
        Ip6Address target = null;
        int p = o + HEADER_LEN;
        if (next == PROTO_ICMPV6 && Bytes.has(b, p, 4)) {
            icmpType = Bytes.u8(b, p);
            boolean ndp = icmpType == NEIGHBOR_SOLICITATION || icmpType == NEIGHBOR_ADVERTISEMENT;
            if (ndp && Bytes.has(b, p, NDP_LEN)) {
                target = Ip6Address.of(b, p + 8);
            }
        }
        return Optional.of(
                new Ipv6(
                        Ip6Address.of(b, o + 8), Ip6Address.of(b, o + 24), next, icmpType, target));
    }

    public boolean isNeighborDiscovery() {
        return ndpTarget != null;
    }

    /**
     * A neighbour solicitation or advertisement (header, then the 24-byte ICMPv6 message without
     * options; the checksum is left zero, the controller does not check it).
     */
    public static byte[] ndp(int type, Ip6Address src, Ip6Address dst, Ip6Address target) {
        byte[] b = new byte[HEADER_LEN + NDP_LEN];
        b[0] = 0x60;
        Bytes.put16(b, 4, NDP_LEN);
        b[6] = (byte) PROTO_ICMPV6;
        b[7] = (byte) 255;
        System.arraycopy(src.toBytes(), 0, b, 8, 16);
        System.arraycopy(dst.toBytes(), 0, b, 24, 16);
        b[HEADER_LEN] = (byte) type;
        System.arraycopy(target.toBytes(), 0, b, HEADER_LEN + 8, 16);
        return b;
    }
}
