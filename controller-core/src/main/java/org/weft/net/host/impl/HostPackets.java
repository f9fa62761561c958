package org.weft.net.host.impl;

import java.util.Optional;
import org.weft.net.IpAddress;
import org.weft.net.MacAddress;
import org.weft.net.host.HostId;
import org.weft.net.host.HostProbe;
import org.weft.net.packet.parse.Arp;
import org.weft.net.packet.parse.Ethernet;
import org.weft.net.packet.parse.Ipv4;
import org.weft.net.packet.parse.Ipv6;

/** What a packet-in tells about its sender: identity and, when there is one, its IP address. */
final class HostPackets {

    private HostPackets() {}

    /** The sender of a frame and the IP it used (null if none). */
    record Sighting(HostId id, IpAddress ip) {}

    /**
     * The sender of an ARP, IPv4 or IPv6 frame from a unicast MAC; empty for anything else, and for
     * the controller's own probes.
     */
    static Optional<Sighting> parse(byte[] frame) {
        return parse(Ethernet.parse(frame));
    }

    /** The same, from a parsed header. */
    static Optional<Sighting> parse(Optional<Ethernet> parsed) {
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        Ethernet eth = parsed.get();
        MacAddress src = eth.src();
        if (src.isMulticast() || src.value() == 0 || src.equals(HostProbe.MAC)) {
            return Optional.empty();
        }
        HostId id = HostId.of(src, eth.isTagged() ? eth.vlan() : HostId.NO_VLAN);
        return switch (eth.ethType()) {
            case Ethernet.TYPE_ARP ->
                    Arp.parse(eth)
                            .map(
                                    a ->
                                            new Sighting(
                                                    id,
                                                    a.senderIp().value() == 0
                                                            ? null
                                                            : a.senderIp()));
            case Ethernet.TYPE_IPV4 ->
                    Ipv4.parse(eth)
                            .map(ip -> new Sighting(id, ip.src().value() == 0 ? null : ip.src()));
            case Ethernet.TYPE_IPV6 -> Ipv6.parse(eth).map(ip -> new Sighting(id, ndpSource(ip)));
            default -> Optional.empty();
        };
    }

    /** The source of a neighbour solicitation/advertisement (not :: and not multicast). */
    private static IpAddress ndpSource(Ipv6 ip) {
        if (!ip.isNeighborDiscovery() || ip.src().isUnspecified() || ip.src().isMulticast()) {
            return null;
        }
        return ip.src();
    }
}
