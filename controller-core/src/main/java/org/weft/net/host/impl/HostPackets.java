package org.weft.net.host.impl;

import java.util.Optional;
import org.weft.net.Ip4Address;
import org.weft.net.IpAddress;
import org.weft.net.MacAddress;
import org.weft.net.host.HostId;
import org.weft.net.host.HostProbe;
import org.weft.net.packet.parse.Arp;
import org.weft.net.packet.parse.Ethernet;
import org.weft.net.packet.parse.Ipv4;
import org.weft.net.packet.parse.Ipv6;

/**
 * What a packet-in tells about its sender: identity and, when there is one, its IP address. Read
 * without intermediate objects: host learning runs on every packet-in.
 */
final class HostPackets {

    private HostPackets() {}

    /**
     * Stands for "the frame tells nothing" where {@link #senderIp} returns an address or null;
     * compared by identity, never stored.
     */
    static final IpAddress NO_SIGHTING = new Ip4Address(0);

    /**
     * The sender of a frame, its source MAC in its VLAN; null for a multicast or zero source and
     * for the controller's own probes.
     */
    static HostId sender(Ethernet eth) {
        MacAddress src = eth.src();
        if (src.isMulticast() || src.value() == 0 || src.equals(HostProbe.MAC)) {
            return null;
        }
        return HostId.of(src, eth.isTagged() ? eth.vlan() : HostId.NO_VLAN);
    }

    /**
     * The IP address the sender of an ARP, IPv4 or IPv6 frame used (null if none: 0.0.0.0, or an
     * IPv6 frame other than neighbour discovery); {@link #NO_SIGHTING} for any other frame and for
     * one whose header does not parse.
     */
    static IpAddress senderIp(Ethernet eth) {
        switch (eth.ethType()) {
            case Ethernet.TYPE_ARP -> {
                Optional<Arp> a = Arp.parse(eth);
                if (a.isEmpty()) {
                    return NO_SIGHTING;
                }
                return a.get().senderIp().value() == 0 ? null : a.get().senderIp();
            }
            case Ethernet.TYPE_IPV4 -> {
                if (!Ipv4.parses(eth)) {
                    return NO_SIGHTING;
                }
                Ip4Address src = Ipv4.sourceOf(eth);
                return src.value() == 0 ? null : src;
            }
            case Ethernet.TYPE_IPV6 -> {
                Optional<Ipv6> ip = Ipv6.parse(eth);
                return ip.isEmpty() ? NO_SIGHTING : ndpSource(ip.get());
            }
            default -> {
                return NO_SIGHTING;
            }
        }
    }

    /** The source of a neighbour solicitation/advertisement (not :: and not multicast). */
    private static IpAddress ndpSource(Ipv6 ip) {
        if (!ip.isNeighborDiscovery() || ip.src().isUnspecified() || ip.src().isMulticast()) {
            return null;
        }
        return ip.src();
    }
}
