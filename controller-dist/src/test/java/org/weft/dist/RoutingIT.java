package org.weft.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.weft.net.ConnectPoint;
import org.weft.net.Ip4Address;
import org.weft.net.MacAddress;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.Group;
import org.weft.net.host.HostProbe;
import org.weft.net.packet.parse.Arp;
import org.weft.net.packet.parse.Ethernet;
import org.weft.net.packet.parse.Ipv4;
import org.weft.openflow.emulator.EmulatedFabric;
import org.weft.openflow.emulator.EmulatedSwitch;
import org.weft.openflow.emulator.FabricBuilder;

/**
 * The routing app end to end over an emulated fabric with loops: real OpenFlow, fake data plane.
 */
class RoutingIT {

    /** A host on an edge port: its MAC and IP are derived from its index. */
    record TestHost(int index, ConnectPoint at) {
        MacAddress mac() {
            return MacAddress.of(0x0a0000000000L + index);
        }

        Ip4Address ip() {
            return Ip4Address.of(0x0a000000 + index);
        }
    }

    static List<TestHost> hostsOnFreePorts(EmulatedFabric fabric) {
        List<TestHost> hosts = new ArrayList<>();
        for (EmulatedSwitch sw : fabric.switches()) {
            sw.ports().stream()
                    .map(p -> ConnectPoint.of(sw.dpid(), p.number()))
                    .filter(cp -> fabric.cableAt(cp).isEmpty())
                    .findFirst()
                    .ifPresent(cp -> hosts.add(new TestHost(hosts.size() + 1, cp)));
        }
        return hosts;
    }

    static byte[] arpRequest(TestHost from, TestHost to) {
        Arp arp = new Arp(Arp.REQUEST, from.mac(), from.ip(), MacAddress.of(0), to.ip());
        return Ethernet.build(
                MacAddress.BROADCAST,
                from.mac(),
                Ethernet.NO_VLAN,
                Ethernet.TYPE_ARP,
                arp.toBytes());
    }

    static byte[] ipv4WithAddresses(TestHost from, TestHost to) {
        byte[] header = new Ipv4(from.ip(), to.ip(), 17).toBytes(new byte[26]);
        return Ethernet.build(to.mac(), from.mac(), Ethernet.NO_VLAN, Ethernet.TYPE_IPV4, header);
    }

    static byte[] ipv4(TestHost from, TestHost to) {
        byte[] payload = new byte[46];
        payload[0] = 0x45;
        return Ethernet.build(to.mac(), from.mac(), Ethernet.NO_VLAN, Ethernet.TYPE_IPV4, payload);
    }

    /** Every host announces itself; Weft must learn them all. */
    static void announce(WeftTestBed bed, List<TestHost> hosts) throws InterruptedException {
        for (TestHost h : hosts) {
            bed.fabric.injectFromHost(h.at(), arpRequest(h, hosts.get(0)));
        }
        WeftTestBed.waitUntil(
                () -> bed.core().hostService().getHostCount() == hosts.size(),
                Duration.ofSeconds(10),
                "all hosts learned");
        quiesce(bed.fabric);
    }

    /** Waits until no frame has been delivered for 300 ms (floods from earlier steps are done). */
    static void quiesce(EmulatedFabric fabric) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int seen = -1;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            int now = traffic(fabric).size();
            if (now != seen) {
                seen = now;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince > 300_000_000L) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the fabric kept delivering frames for 10 s");
    }

    /** Frames delivered to host ports, without the controller's LLDP probes. */
    static List<EmulatedFabric.Delivery> traffic(EmulatedFabric fabric) {
        return fabric.deliveries().stream()
                .filter(
                        d ->
                                ((d.frame()[12] & 0xff) << 8 | (d.frame()[13] & 0xff))
                                        != Ethernet.TYPE_LLDP)
                .toList();
    }

    /** Every port without a cable: where hosts may be. */
    static List<ConnectPoint> edgePorts(EmulatedFabric fabric) {
        List<ConnectPoint> out = new ArrayList<>();
        for (EmulatedSwitch sw : fabric.switches()) {
            sw.ports().stream()
                    .map(p -> ConnectPoint.of(sw.dpid(), p.number()))
                    .filter(cp -> fabric.cableAt(cp).isEmpty())
                    .forEach(out::add);
        }
        return out;
    }

    /** The controller's host probes among the delivered frames. */
    static List<EmulatedFabric.Delivery> probes(EmulatedFabric fabric) {
        return traffic(fabric).stream()
                .filter(d -> MacAddress.of(d.frame(), 6).equals(HostProbe.MAC))
                .toList();
    }

    static long deliveredTo(EmulatedFabric fabric, ConnectPoint at, MacAddress dst) {
        return traffic(fabric).stream()
                .filter(d -> d.at().equals(at) && MacAddress.of(d.frame(), 0).equals(dst))
                .count();
    }

    /**
     * Sends one frame between every ordered pair and checks it arrives once, only at its
     * destination.
     */
    static void assertAllPairsReach(WeftTestBed bed, List<TestHost> hosts)
            throws InterruptedException {
        for (TestHost a : hosts) {
            for (TestHost b : hosts) {
                if (a == b) {
                    continue;
                }
                bed.fabric.clearDeliveries();
                bed.fabric.injectFromHost(a.at(), ipv4(a, b));
                WeftTestBed.waitUntil(
                        () -> deliveredTo(bed.fabric, b.at(), b.mac()) >= 1,
                        Duration.ofSeconds(5),
                        a.at() + " -> " + b.at());
                quiesce(bed.fabric);
                assertThat(traffic(bed.fabric)).as("%s -> %s", a.at(), b.at()).hasSize(1);
            }
        }
        assertThat(bed.fabric.loops()).isZero();
    }

    static void awaitLinks(WeftTestBed bed, int directedLinks) throws InterruptedException {
        WeftTestBed.waitUntil(
                () ->
                        bed.core().topologyService().currentSnapshot().links().size()
                                == directedLinks,
                Duration.ofSeconds(20),
                directedLinks + " links discovered");
    }

    @Test
    void ringWithALoopForwardsEveryPairAndFloodsOncePerEdgePort() throws Exception {
        try (WeftTestBed bed = new WeftTestBed(FabricBuilder.ring(5), 200)) {
            awaitLinks(bed, 10);
            List<TestHost> hosts = hostsOnFreePorts(bed.fabric);
            announce(bed, hosts);

            // A broadcast from one host reaches every other edge port exactly once.
            bed.fabric.clearDeliveries();
            bed.fabric.injectFromHost(
                    hosts.get(2).at(),
                    arpRequest(hosts.get(2), new TestHost(99, hosts.get(0).at())));
            WeftTestBed.waitUntil(
                    () -> traffic(bed.fabric).size() >= edgePorts(bed.fabric).size() - 1,
                    Duration.ofSeconds(5),
                    "flood delivered");
            List<ConnectPoint> reached =
                    traffic(bed.fabric).stream().map(EmulatedFabric.Delivery::at).toList();
            quiesce(bed.fabric);
            List<ConnectPoint> expected =
                    edgePorts(bed.fabric).stream()
                            .filter(cp -> !cp.equals(hosts.get(2).at()))
                            .toList();
            assertThat(reached).containsExactlyInAnyOrderElementsOf(expected);

            assertAllPairsReach(bed, hosts);
        }
    }

    @Test
    void fatTreeForwardsEveryPairThroughSelectGroups() throws Exception {
        try (WeftTestBed bed = new WeftTestBed(FabricBuilder.fatTree(4), 200)) {
            awaitLinks(bed, 64);
            List<TestHost> hosts =
                    hostsOnFreePorts(bed.fabric).stream()
                            .filter(h -> h.at().dpid().value() >= FabricBuilder.EDGE_BASE)
                            .toList();
            assertThat(hosts).hasSize(8);
            announce(bed, hosts);
            assertAllPairsReach(bed, hosts);

            // Edge switches reach the 7 hosts on other edges over two equal-cost uplinks: select
            // groups, each uplink in two of four buckets (BucketSpread): one group, which every
            // one of them shares (the same uplinks in the same layout).
            EmulatedSwitch edge = bed.fabric.get(hosts.get(0).at().dpid());
            WeftTestBed.waitUntil(
                    () ->
                            edge.table().flows().stream()
                                            .filter(r -> r.priority() == 1000)
                                            .filter(
                                                    r ->
                                                            r.actions().get(0)
                                                                    instanceof FlowAction.ToGroup)
                                            .count()
                                    == hosts.size() - 1,
                    Duration.ofSeconds(5),
                    "rules into select groups on " + edge.dpid());
            assertThat(edge.table().groups())
                    .filteredOn(g -> g.type() == Group.Type.SELECT)
                    .hasSize(1);
            assertThat(edge.table().groups())
                    .filteredOn(g -> g.type() == Group.Type.SELECT)
                    .allSatisfy(
                            g ->
                                    assertThat(g.buckets())
                                            .hasSize(4)
                                            .allSatisfy(b -> assertThat(b.watchPort()).isNotNull())
                                            .extracting(Group.Bucket::watchPort)
                                            .containsOnly(
                                                    g.buckets().get(0).watchPort(),
                                                    g.buckets().get(1).watchPort()));
        }
    }

    @Test
    void proxyArpAnswersForKnownHosts() throws Exception {
        try (WeftTestBed bed = new WeftTestBed(FabricBuilder.linear(3), 200)) {
            awaitLinks(bed, 4);
            List<TestHost> hosts = hostsOnFreePorts(bed.fabric);
            announce(bed, hosts);
            bed.fabric.clearDeliveries();
            TestHost asker = hosts.get(0);
            TestHost target = hosts.get(2);

            bed.fabric.injectFromHost(asker.at(), arpRequest(asker, target));

            WeftTestBed.waitUntil(
                    () -> !traffic(bed.fabric).isEmpty(), Duration.ofSeconds(5), "ARP reply");
            EmulatedFabric.Delivery reply = traffic(bed.fabric).get(0);
            assertThat(reply.at()).isEqualTo(asker.at());
            Arp arp = Arp.parse(Ethernet.parse(reply.frame()).orElseThrow()).orElseThrow();
            assertThat(arp.opcode()).isEqualTo(Arp.REPLY);
            assertThat(arp.senderMac()).isEqualTo(target.mac());
            assertThat(arp.senderIp()).isEqualTo(target.ip());
            // Answered by the controller: the request was not flooded to the other hosts.
            assertThat(traffic(bed.fabric))
                    .extracting(EmulatedFabric.Delivery::at)
                    .containsOnly(asker.at());
        }
    }

    /**
     * A host the controller does not know (as after a controller restart, when it only ever talks
     * to hosts whose routes the switches kept) is probed when traffic comes for it; its answer to
     * the probe teaches the controller where it is, and from then on its traffic is routed.
     */
    @Test
    void unknownDestinationIsProbedAndLearnedFromItsAnswer() throws Exception {
        try (WeftTestBed bed = new WeftTestBed(FabricBuilder.linear(3), 200)) {
            awaitLinks(bed, 4);
            List<TestHost> hosts = hostsOnFreePorts(bed.fabric);
            TestHost sender = hosts.get(0);
            TestHost silent = hosts.get(2);
            announce(bed, hosts.subList(0, 2));
            bed.fabric.clearDeliveries();

            // Twice within the probe interval: flooded both times, probed once.
            bed.fabric.injectFromHost(sender.at(), ipv4WithAddresses(sender, silent));
            bed.fabric.injectFromHost(sender.at(), ipv4WithAddresses(sender, silent));
            WeftTestBed.waitUntil(
                    () -> deliveredTo(bed.fabric, silent.at(), silent.mac()) == 2,
                    Duration.ofSeconds(5),
                    "both packets flooded to the unknown host");
            quiesce(bed.fabric);
            List<EmulatedFabric.Delivery> probes = probes(bed.fabric);
            assertThat(probes)
                    .extracting(EmulatedFabric.Delivery::at)
                    .containsExactlyInAnyOrderElementsOf(
                            edgePorts(bed.fabric).stream()
                                    .filter(cp -> !cp.equals(sender.at()))
                                    .toList());
            Arp probe =
                    Arp.parse(Ethernet.parse(probes.get(0).frame()).orElseThrow()).orElseThrow();
            assertThat(probe.opcode()).isEqualTo(Arp.REQUEST);
            assertThat(probe.senderIp()).isEqualTo(Ip4Address.of(0));
            assertThat(probe.targetIp()).isEqualTo(silent.ip());
            assertThat(bed.core().hostService().getHostCount()).isEqualTo(2);

            // The host answers the probe: learned at its port, and the answer goes no further.
            bed.fabric.clearDeliveries();
            Arp answer =
                    new Arp(Arp.REPLY, silent.mac(), silent.ip(), HostProbe.MAC, probe.senderIp());
            bed.fabric.injectFromHost(
                    silent.at(),
                    Ethernet.build(
                            HostProbe.MAC,
                            silent.mac(),
                            Ethernet.NO_VLAN,
                            Ethernet.TYPE_ARP,
                            answer.toBytes()));
            WeftTestBed.waitUntil(
                    () -> bed.core().hostService().getHostCount() == 3,
                    Duration.ofSeconds(5),
                    "the probed host learned");
            assertThat(
                            bed.core().hostService().getHosts().stream()
                                    .filter(h -> h.mac().equals(silent.mac()))
                                    .map(h -> h.location()))
                    .containsExactly(silent.at());
            quiesce(bed.fabric);
            assertThat(traffic(bed.fabric)).as("the answer to the probe is not flooded").isEmpty();

            // Now routed: delivered once, to the host only.
            bed.fabric.injectFromHost(sender.at(), ipv4WithAddresses(sender, silent));
            WeftTestBed.waitUntil(
                    () -> deliveredTo(bed.fabric, silent.at(), silent.mac()) == 1,
                    Duration.ofSeconds(5),
                    "routed to the learned host");
            quiesce(bed.fabric);
            assertThat(traffic(bed.fabric)).hasSize(1);
        }
    }

    /** Traffic toward many unknown addresses (a scan) gets a bounded number of probes. */
    @Test
    void probesAreRateLimitedInAll() throws Exception {
        try (WeftTestBed bed = new WeftTestBed(FabricBuilder.linear(2), 200)) {
            awaitLinks(bed, 2);
            List<TestHost> hosts = hostsOnFreePorts(bed.fabric);
            TestHost sender = hosts.get(0);
            announce(bed, List.of(sender));
            bed.fabric.clearDeliveries();
            int targets = 400;
            long start = System.nanoTime();
            for (int i = 0; i < targets; i++) {
                TestHost unknown = new TestHost(1000 + i, hosts.get(1).at());
                bed.fabric.injectFromHost(sender.at(), ipv4WithAddresses(sender, unknown));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            WeftTestBed.waitUntil(
                    () -> !traffic(bed.fabric).isEmpty(),
                    Duration.ofSeconds(5),
                    "floods delivered");
            quiesce(bed.fabric);
            long probes =
                    probes(bed.fabric).stream()
                            .filter(d -> d.at().equals(hosts.get(1).at()))
                            .count();
            // 50 probes a second in all (docs/architecture.md): a second's burst, the steady rate
            // while injecting, twice over for slack.
            double bound = 2 * 50 * (1 + seconds);
            assertThat(probes).isPositive();
            assertThat((double) probes).isLessThanOrEqualTo(bound).isLessThan(targets);
        }
    }
}
