package org.weft.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.Ip4Address;
import org.weft.net.MacAddress;
import org.weft.net.packet.parse.Arp;
import org.weft.net.packet.parse.Ethernet;
import org.weft.openflow.emulator.EmulatedFabric;
import org.weft.openflow.emulator.EmulatedSwitch;

/**
 * An emulated host on a port without a cable (in a fat tree: an edge switch's host port), with a
 * MAC and an IPv4 address derived from its index, and the switch group ("pod") it sits in.
 *
 * @param index 1-based, unique over the run
 * @param at the switch port the host is plugged into
 * @param pod the smallest DPID among the switch's cabled neighbours: equal for edge switches of one
 *     fat-tree pod (they share their aggregation switches)
 */
record EdgeHost(int index, ConnectPoint at, Dpid pod) {

    MacAddress mac() {
        return MacAddress.of(0x0a0000000000L + index);
    }

    Ip4Address ip() {
        return Ip4Address.of(0x0a000000 + index);
    }

    /** An ARP request from this host for {@code target}'s address: Weft learns the sender. */
    byte[] arpFor(EdgeHost target) {
        Arp arp = new Arp(Arp.REQUEST, mac(), ip(), MacAddress.of(0), target.ip());
        return Ethernet.build(
                MacAddress.BROADCAST, mac(), Ethernet.NO_VLAN, Ethernet.TYPE_ARP, arp.toBytes());
    }

    /**
     * Up to {@code perSwitch} hosts on the free ports of every switch that has any, ordered by
     * switch DPID and port (so consecutive hosts share a pod).
     */
    static List<EdgeHost> onFreePorts(EmulatedFabric fabric, int perSwitch) {
        List<EmulatedSwitch> sws = new ArrayList<>(fabric.switches());
        sws.sort(Comparator.comparing(EmulatedSwitch::dpid));
        List<EdgeHost> hosts = new ArrayList<>();
        for (EmulatedSwitch sw : sws) {
            List<ConnectPoint> free =
                    sw.ports().stream()
                            .map(p -> ConnectPoint.of(sw.dpid(), p.number()))
                            .filter(cp -> fabric.cableAt(cp).isEmpty())
                            .sorted(Comparator.comparing(ConnectPoint::port))
                            .limit(perSwitch)
                            .toList();
            if (free.isEmpty()) {
                continue;
            }
            Dpid pod = pod(fabric, sw);
            for (ConnectPoint cp : free) {
                hosts.add(new EdgeHost(hosts.size() + 1, cp, pod));
            }
        }
        return hosts;
    }

    private static Dpid pod(EmulatedFabric fabric, EmulatedSwitch sw) {
        Dpid pod = sw.dpid();
        for (var p : sw.ports()) {
            ConnectPoint cp = ConnectPoint.of(sw.dpid(), p.number());
            var cable = fabric.cableAt(cp);
            if (cable.isPresent() && cable.get().peer(cp).dpid().compareTo(pod) < 0) {
                pod = cable.get().peer(cp).dpid();
            }
        }
        return pod;
    }
}
