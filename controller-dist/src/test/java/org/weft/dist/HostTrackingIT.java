package org.weft.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.weft.net.ConnectPoint;
import org.weft.net.Ip4Address;
import org.weft.net.Ip6Address;
import org.weft.net.MacAddress;
import org.weft.net.PortNumber;
import org.weft.net.host.HostId;
import org.weft.net.packet.parse.Arp;
import org.weft.net.packet.parse.Ethernet;
import org.weft.net.packet.parse.Ipv6;
import org.weft.openflow.emulator.FabricBuilder;

/** Hosts learned from packet-ins on the right edge port of an emulated fabric. */
class HostTrackingIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    static byte[] arp(MacAddress mac, String ip, String target) {
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

    @Test
    void hostsAreLearnedOnEdgePortsOnlyAndFollowedWhenTheyMove() throws Exception {
        try (WeftTestBed bed = new WeftTestBed(FabricBuilder.linear(3), 200)) {
            WeftTestBed.waitUntil(
                    () -> bed.core().linkService().getLinkCount() == 4, WAIT, "4 links");
            MacAddress h1 = MacAddress.parse("0a:00:00:00:00:01");
            MacAddress h2 = MacAddress.parse("0a:00:00:00:00:02");
            HostId id1 = HostId.of(h1, HostId.NO_VLAN);

            bed.fabric.get(2).sendPacketIn(PortNumber.of(3), arp(h1, "10.0.0.1", "10.0.0.2"));
            // Port 1 of switch 2 carries the link from switch 1: never learned there.
            bed.fabric.get(2).sendPacketIn(PortNumber.of(1), arp(h2, "10.0.0.2", "10.0.0.1"));
            Ip6Address ll = Ip6Address.parse("fe80::2");
            byte[] ns =
                    Ethernet.build(
                            MacAddress.parse("33:33:ff:00:00:01"),
                            h2,
                            Ethernet.NO_VLAN,
                            Ethernet.TYPE_IPV6,
                            Ipv6.ndp(
                                    Ipv6.NEIGHBOR_SOLICITATION,
                                    ll,
                                    Ip6Address.parse("ff02::1:ff00:1"),
                                    Ip6Address.parse("fe80::1")));
            bed.fabric.get(3).sendPacketIn(PortNumber.of(3), ns);

            WeftTestBed.waitUntil(
                    () -> bed.core().hostService().getHostCount() == 2, WAIT, "two hosts");
            var host1 = bed.core().hostService().getHost(id1).orElseThrow();
            assertThat(host1.location()).isEqualTo(ConnectPoint.of(2, 3));
            assertThat(host1.ips()).containsExactly(Ip4Address.parse("10.0.0.1"));
            var host2 =
                    bed.core().hostService().getHost(HostId.of(h2, HostId.NO_VLAN)).orElseThrow();
            assertThat(host2.location()).isEqualTo(ConnectPoint.of(3, 3));
            assertThat(host2.ips()).containsExactly(ll);

            bed.fabric.get(1).sendPacketIn(PortNumber.of(3), arp(h1, "10.0.0.1", "10.0.0.2"));
            WeftTestBed.waitUntil(
                    () ->
                            bed.core()
                                    .hostService()
                                    .getHost(id1)
                                    .map(h -> h.location().equals(ConnectPoint.of(1, 3)))
                                    .orElse(false),
                    WAIT,
                    "h1 moved to switch 1 port 3");
        }
    }
}
