package org.weft.net.packet.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.weft.net.Ip4Address;
import org.weft.net.Ip6Address;
import org.weft.net.MacAddress;

class ParserTest {

    private static final MacAddress A = MacAddress.parse("0a:00:00:00:00:01");

    @Test
    void arpRoundTripsThroughEthernetWithAndWithoutVlan() {
        Arp arp =
                new Arp(
                        Arp.REQUEST,
                        A,
                        Ip4Address.parse("10.0.0.1"),
                        MacAddress.of(0),
                        Ip4Address.parse("10.0.0.2"));
        for (int vlan : new int[] {Ethernet.NO_VLAN, 100}) {
            byte[] f =
                    Ethernet.build(MacAddress.BROADCAST, A, vlan, Ethernet.TYPE_ARP, arp.toBytes());
            Ethernet eth = Ethernet.parse(f).orElseThrow();
            assertThat(eth.src()).isEqualTo(A);
            assertThat(eth.dst()).isEqualTo(MacAddress.BROADCAST);
            assertThat(eth.vlan()).isEqualTo(vlan);
            assertThat(eth.ethType()).isEqualTo(Ethernet.TYPE_ARP);
            assertThat(Arp.parse(eth)).contains(arp);
            assertThat(Ipv4.parse(eth)).isEmpty();
        }
    }

    @Test
    void ipv4HeaderIsParsed() {
        Ipv4 ip = new Ipv4(Ip4Address.parse("10.0.0.1"), Ip4Address.parse("10.0.0.9"), 17);
        byte[] f =
                Ethernet.build(A, A, Ethernet.NO_VLAN, Ethernet.TYPE_IPV4, ip.toBytes(new byte[8]));
        assertThat(Ipv4.parse(Ethernet.parse(f).orElseThrow())).contains(ip);
    }

    @Test
    void neighbourSolicitationSourceAndTargetAreParsed() {
        Ip6Address src = Ip6Address.parse("2001:db8::1");
        Ip6Address target = Ip6Address.parse("2001:db8::2");
        byte[] f =
                Ethernet.build(
                        MacAddress.parse("33:33:ff:00:00:02"),
                        A,
                        Ethernet.NO_VLAN,
                        Ethernet.TYPE_IPV6,
                        Ipv6.ndp(
                                Ipv6.NEIGHBOR_SOLICITATION,
                                src,
                                Ip6Address.parse("ff02::1:ff00:2"),
                                target));
        Ipv6 ip = Ipv6.parse(Ethernet.parse(f).orElseThrow()).orElseThrow();
        assertThat(ip.src()).isEqualTo(src);
        assertThat(ip.icmpType()).isEqualTo(Ipv6.NEIGHBOR_SOLICITATION);
        assertThat(ip.ndpTarget()).isEqualTo(target);
        assertThat(ip.src().toString()).isEqualTo("2001:db8::1");
    }

    @Test
    void lldpProbeRoundTrips() {
        Lldp.OrgTlv tlv = new Lldp.OrgTlv(0x0a5746, 1, new byte[] {1, 2, 3});
        Lldp probe = Lldp.probe(0x1234_5678_9abcL, 0xfffffff0L, 120, List.of(tlv));
        Lldp back = Lldp.parse(Ethernet.parse(probe.toFrame(A)).orElseThrow()).orElseThrow();
        assertThat(back.dpid()).hasValue(0x1234_5678_9abcL);
        assertThat(back.portNumber()).hasValue(0xfffffff0L);
        assertThat(back.ttlSeconds()).isEqualTo(120);
        assertThat(back.orgTlv(0x0a5746, 1).orElseThrow().info()).containsExactly(1, 2, 3);
        assertThat(back.orgTlv(0x0a5746, 2)).isEmpty();
    }

    @Test
    void garbageNeverThrowsAndGivesEmpty() {
        Random r = new Random(42);
        assertThat(Ethernet.parse(null)).isEmpty();
        assertThat(Ethernet.parse(new byte[13])).isEmpty();
        byte[] tagged = new byte[15];
        tagged[12] = (byte) 0x81;
        assertThat(Ethernet.parse(tagged)).isEmpty();
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[r.nextInt(80)];
            r.nextBytes(b);
            if (b.length > 13) {
                int[] types = {0x0806, 0x0800, 0x86dd, 0x88cc, 0x8100};
                int t = types[r.nextInt(types.length)];
                b[12] = (byte) (t >> 8);
                b[13] = (byte) t;
            }
            Ethernet.parse(b)
                    .ifPresent(
                            e -> {
                                Arp.parse(e);
                                Ipv4.parse(e);
                                Ipv6.parse(e);
                                Lldp.parse(e);
                            });
        }
        byte[] truncatedLldp = Lldp.probe(1, 1, 120, List.of()).toFrame(A);
        byte[] cut = java.util.Arrays.copyOf(truncatedLldp, 20);
        assertThat(Lldp.parse(Ethernet.parse(cut).orElseThrow())).isEmpty();
    }
}
