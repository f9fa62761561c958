package org.weft.dist.overload;

import org.weft.net.Ip4Address;
import org.weft.net.MacAddress;
import org.weft.net.packet.parse.Arp;
import org.weft.net.packet.parse.Ethernet;
import org.weft.net.packet.parse.Ipv4;

/** Ethernet frames the hostile switches put into their packet-ins. */
final class Frames {

    private Frames() {}

    /** A broadcast ARP request: {@code mac}/{@code ip} asks for {@code target}. */
    static byte[] arpRequest(MacAddress mac, String ip, String target) {
        Arp a =
                new Arp(
                        Arp.REQUEST,
                        mac,
                        Ip4Address.parse(ip),
                        MacAddress.of(0),
                        Ip4Address.parse(target));
        return Ethernet.build(
                MacAddress.BROADCAST, mac, Ethernet.NO_VLAN, Ethernet.TYPE_ARP, a.toBytes());
    }

    /** A UDP-over-IPv4 frame of {@code frameLength} bytes (at least 60). */
    static byte[] ipv4Udp(
            MacAddress src, MacAddress dst, String srcIp, String dstIp, int frameLength) {
        int payload = Math.max(60, frameLength) - 14 - 20;
        byte[] ip =
                new Ipv4(Ip4Address.parse(srcIp), Ip4Address.parse(dstIp), 17)
                        .toBytes(new byte[payload]);
        return Ethernet.build(dst, src, Ethernet.NO_VLAN, Ethernet.TYPE_IPV4, ip);
    }
}
