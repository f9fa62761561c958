package org.weft.openflow.emulator;

import org.weft.net.Ip4Address;
import org.weft.net.MacAddress;
import org.weft.net.PortNumber;
import org.weft.net.flow.FlowMatch;

/**
 * The header fields of a packet as a flow table sees them, for asking a {@link FakeFlowTable} where
 * a packet would go. Null means absent.
 */
public record PacketHeaders(
        PortNumber inPort,
        MacAddress ethSrc,
        MacAddress ethDst,
        int ethType,
        Integer vlanVid,
        Integer ipProto,
        Ip4Address ipv4Src,
        Ip4Address ipv4Dst,
        Integer l4Src,
        Integer l4Dst) {

    /** An untagged Ethernet frame of the given type. */
    public static PacketHeaders ethernet(
            PortNumber inPort, MacAddress src, MacAddress dst, int ethType) {
        return new PacketHeaders(inPort, src, dst, ethType, null, null, null, null, null, null);
    }

    /** The Ethernet header of a frame (untagged, addresses and type only). */
    public static PacketHeaders ofFrame(PortNumber inPort, byte[] frame) {
        return ethernet(
                inPort,
                MacAddress.of(frame, 6),
                MacAddress.of(frame, 0),
                (frame[12] & 0xff) << 8 | (frame[13] & 0xff));
    }

    /** Whether every field the match sets has this packet's value. */
    public boolean matches(FlowMatch m) {
        return eq(m.inPort(), inPort)
                && eq(m.ethSrc(), ethSrc)
                && eq(m.ethDst(), ethDst)
                && eq(m.ethType(), ethType)
                && eq(m.vlanVid(), vlanVid)
                && eq(m.ipProto(), ipProto)
                && (m.ipv4Src() == null || (ipv4Src != null && m.ipv4Src().contains(ipv4Src)))
                && (m.ipv4Dst() == null || (ipv4Dst != null && m.ipv4Dst().contains(ipv4Dst)))
                && eq(m.tcpSrc(), proto(FlowMatch.IP_PROTO_TCP, l4Src))
                && eq(m.tcpDst(), proto(FlowMatch.IP_PROTO_TCP, l4Dst))
                && eq(m.udpSrc(), proto(FlowMatch.IP_PROTO_UDP, l4Src))
                && eq(m.udpDst(), proto(FlowMatch.IP_PROTO_UDP, l4Dst));
    }

    private Integer proto(int wanted, Integer port) {
        return ipProto != null && ipProto == wanted ? port : null;
    }

    private static boolean eq(Object wanted, Object actual) {
        return wanted == null || wanted.equals(actual);
    }
}
