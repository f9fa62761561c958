package org.weft.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.MacAddress;
import org.weft.net.PortNumber;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.Group;
import org.weft.net.topology.LinkInfo;
import org.weft.net.topology.LinkWeighers;
import org.weft.net.topology.TopologyFixtures;
import org.weft.net.topology.TopologySnapshot;

class DestinationPlannerTest {

    /** One host per switch on the first port after the cables. */
    static Map<Dpid, HostAttachment> hostPerSwitch(TopologySnapshot topo) {
        Map<Dpid, HostAttachment> hosts = new HashMap<>();
        for (Dpid s : topo.switches()) {
            hosts.put(
                    s,
                    new HostAttachment(
                            MacAddress.of(0x0a0000000000L | s.value()),
                            null,
                            ConnectPoint.of(s, hostPort(topo, s))));
        }
        return hosts;
    }

    static PortNumber hostPort(TopologySnapshot topo, Dpid s) {
        long max =
                topo.linksFrom(s).stream().mapToLong(l -> l.src().port().value()).max().orElse(0);
        return PortNumber.of(max + 1);
    }

    static Map<Dpid, SwitchInfo> switches(TopologySnapshot topo, boolean groups) {
        Map<Dpid, SwitchInfo> m = new HashMap<>();
        for (Dpid s : topo.switches()) {
            Set<PortNumber> live = new TreeSet<>();
            topo.linksFrom(s).forEach(l -> live.add(l.src().port()));
            live.add(hostPort(topo, s));
            m.put(s, SwitchInfo.of(groups, live));
        }
        return m;
    }

    static FakeFabric routeAll(
            TopologySnapshot topo, Map<Dpid, HostAttachment> hosts, boolean groups) {
        FakeFabric fabric = new FakeFabric(topo);
        int i = 0;
        for (HostAttachment h : hosts.values()) {
            fabric.apply(
                    DestinationPlanner.plan(
                            topo, LinkWeighers.HOP_COUNT, h, i++, switches(topo, groups)));
        }
        return fabric;
    }

    static void assertEveryPairReaches(
            TopologySnapshot topo, FakeFabric fabric, Map<Dpid, HostAttachment> hosts) {
        for (HostAttachment a : hosts.values()) {
            for (HostAttachment b : hosts.values()) {
                if (a.equals(b)) {
                    continue;
                }
                assertThat(fabric.trace(a.location(), a.mac(), b.mac()))
                        .as("%s -> %s", a.location(), b.location())
                        .isNotEmpty()
                        .allMatch(cp -> cp.equals(b.location()));
            }
        }
    }

    @Test
    void everyPairReachesOnARingWithItsLoop() {
        TopologySnapshot ring = TopologyFixtures.ring(6);
        Map<Dpid, HostAttachment> hosts = hostPerSwitch(ring);
        assertEveryPairReaches(ring, routeAll(ring, hosts, true), hosts);
    }

    @Test
    void everyPairReachesOnAFatTreeWithAndWithoutGroups() {
        TopologySnapshot fatTree = TopologyFixtures.fatTree(4);
        Map<Dpid, HostAttachment> hosts = new HashMap<>();
        hostPerSwitch(fatTree)
                .forEach(
                        (s, h) -> {
                            if (s.value() >= TopologyFixtures.EDGE_BASE) {
                                hosts.put(s, h);
                            }
                        });
        assertEveryPairReaches(fatTree, routeAll(fatTree, hosts, true), hosts);
        assertEveryPairReaches(fatTree, routeAll(fatTree, hosts, false), hosts);
    }

    @Test
    void fatTreeUsesSelectGroupsWhereEqualCostNextHopsExist() {
        TopologySnapshot topo = TopologyFixtures.fatTree(4);
        Dpid dstEdge = TopologyFixtures.fatTreeEdge(4, 0, 0);
        Dpid otherPodEdge = TopologyFixtures.fatTreeEdge(4, 1, 0);
        HostAttachment h = hostPerSwitch(topo).get(dstEdge);

        RoutingPlan plan =
                DestinationPlanner.plan(topo, LinkWeighers.HOP_COUNT, h, 4, switches(topo, true));

        // An edge switch in another pod has 2 uplinks on equal-cost paths: a select group over
        // both, each in 2 of its 4 buckets (BucketSpread).
        assertThat(plan.groups().get(otherPodEdge))
                .singleElement()
                .satisfies(
                        g -> {
                            assertThat(g.type()).isEqualTo(Group.Type.SELECT);
                            assertThat(g.buckets().stream().map(Group.Bucket::watchPort).toList())
                                    .hasSize(4)
                                    .doesNotContainNull()
                                    .containsOnly(
                                            g.buckets().get(0).watchPort(),
                                            g.buckets().get(1).watchPort());
                            assertThat(g.buckets().get(0).watchPort())
                                    .isNotEqualTo(g.buckets().get(1).watchPort());
                            assertThat(g.buckets())
                                    .allMatch(
                                            b ->
                                                    b.weight()
                                                            == DestinationPlanner
                                                                    .MAX_BUCKET_WEIGHT);
                        });
        int groupId = plan.groups().get(otherPodEdge).get(0).groupId();
        assertThat(plan.flows().get(otherPodEdge))
                .singleElement()
                .satisfies(r -> assertThat(r.actions()).containsExactly(FlowAction.group(groupId)));
        // The destination switch outputs to the host's port; core switches have a single way down.
        assertThat(plan.flows().get(dstEdge))
                .singleElement()
                .satisfies(
                        r ->
                                assertThat(r.actions())
                                        .containsExactly(FlowAction.output(h.location().port())));
        assertThat(plan.groups().get(TopologyFixtures.fatTreeCore(0))).isEmpty();
        // Flows grow with hosts, not host pairs: exactly one rule per switch for this destination.
        assertThat(plan.flows().keySet()).hasSize(20);
        plan.flows().asMap().values().forEach(rules -> assertThat(rules).hasSize(1));
    }

    @Test
    void destinationsThroughTheSameNextHopsShareOneGroup() {
        TopologySnapshot topo = TopologyFixtures.fatTree(4);
        Dpid otherPodEdge = TopologyFixtures.fatTreeEdge(4, 1, 0);
        Map<Dpid, HostAttachment> hosts = hostPerSwitch(topo);
        PlanContext ctx = new PlanContext(topo, LinkWeighers.HOP_COUNT, switches(topo, true), null);

        RoutingPlan toFirst =
                DestinationPlanner.plan(ctx, hosts.get(TopologyFixtures.fatTreeEdge(4, 0, 0)), 4);
        RoutingPlan toSecond =
                DestinationPlanner.plan(ctx, hosts.get(TopologyFixtures.fatTreeEdge(4, 0, 1)), 5);
        // Planned again in a context of its own (as after a restart): the same group, same id.
        RoutingPlan again =
                DestinationPlanner.plan(
                        new PlanContext(topo, LinkWeighers.HOP_COUNT, switches(topo, true), null),
                        hosts.get(TopologyFixtures.fatTreeEdge(4, 0, 1)),
                        5);

        // Both destinations sit behind the same two uplinks of the other pod's edge switch.
        Group first = plan(toFirst, otherPodEdge);
        assertThat(plan(toSecond, otherPodEdge)).isSameAs(first);
        assertThat(plan(again, otherPodEdge)).isEqualTo(first);
        assertThat(first.groupId()).isGreaterThanOrEqualTo(SharedGroups.FIRST_ID);
        assertThat(toSecond.flows().get(otherPodEdge).get(0).actions())
                .containsExactly(FlowAction.group(first.groupId()));
        // Each destination keeps its own rule (its own cookie) into the shared group.
        assertThat(toFirst.flows().get(otherPodEdge).get(0).cookie())
                .isNotEqualTo(toSecond.flows().get(otherPodEdge).get(0).cookie());
    }

    private static Group plan(RoutingPlan plan, Dpid s) {
        assertThat(plan.groups().get(s)).hasSize(1);
        return plan.groups().get(s).get(0);
    }

    @Test
    void weightedMultipathFollowsCapacity() {
        // Diamond 1-2-4 and 1-3-4; the path through 2 is 10G, through 3 is 1G.
        TopologySnapshot topo =
                TopologyFixtures.builder()
                        .cable(
                                Dpid.of(1),
                                Dpid.of(2),
                                new LinkInfo(LinkInfo.UNKNOWN_LATENCY, 10_000, 1.0))
                        .cable(
                                Dpid.of(2),
                                Dpid.of(4),
                                new LinkInfo(LinkInfo.UNKNOWN_LATENCY, 10_000, 1.0))
                        .cable(
                                Dpid.of(1),
                                Dpid.of(3),
                                new LinkInfo(LinkInfo.UNKNOWN_LATENCY, 1_000, 1.0))
                        .cable(
                                Dpid.of(3),
                                Dpid.of(4),
                                new LinkInfo(LinkInfo.UNKNOWN_LATENCY, 1_000, 1.0))
                        .build();
        HostAttachment h = hostPerSwitch(topo).get(Dpid.of(4));
        RoutingPlan plan =
                DestinationPlanner.plan(topo, LinkWeighers.HOP_COUNT, h, 0, switches(topo, true));

        Group g = plan.groups().get(Dpid.of(1)).get(0);
        Link via2 = TopologyFixtures.link(topo, 1, 2);
        Link via3 = TopologyFixtures.link(topo, 1, 3);
        Map<PortNumber, Integer> weights = new HashMap<>();
        g.buckets()
                .forEach(
                        b ->
                                weights.put(
                                        ((FlowAction.Output) b.actions().get(0)).port(),
                                        b.weight()));
        assertThat(weights)
                .containsEntry(via2.src().port(), 1000)
                .containsEntry(via3.src().port(), 100);
    }

    @Test
    void weightedMultipathFollowsResidualCapacity() {
        // Diamond 1-2-4 and 1-3-4, all 1G; 1->2 is 75% full (damped), so it has 250M left.
        LinkInfo idle = new LinkInfo(LinkInfo.UNKNOWN_LATENCY, 1_000, 1.0);
        TopologySnapshot topo =
                TopologyFixtures.builder()
                        .cable(Dpid.of(1), Dpid.of(2), idle)
                        .cable(Dpid.of(2), Dpid.of(4), idle)
                        .cable(Dpid.of(1), Dpid.of(3), idle)
                        .cable(Dpid.of(3), Dpid.of(4), idle)
                        .build();
        Link via2 = TopologyFixtures.link(topo, 1, 2);
        Link via3 = TopologyFixtures.link(topo, 1, 3);
        Map<Link, LinkInfo> infos = new HashMap<>(topo.linkInfos());
        infos.put(via2, idle.withUtilisation(0.75));
        TopologySnapshot loaded =
                TopologySnapshot.of(2, java.time.Instant.EPOCH, topo.switches(), infos);
        HostAttachment h = hostPerSwitch(loaded).get(Dpid.of(4));
        RoutingPlan plan =
                DestinationPlanner.plan(
                        loaded, LinkWeighers.HOP_COUNT, h, 0, switches(loaded, true));

        Map<PortNumber, Integer> weights = new HashMap<>();
        plan.groups()
                .get(Dpid.of(1))
                .get(0)
                .buckets()
                .forEach(
                        b ->
                                weights.put(
                                        ((FlowAction.Output) b.actions().get(0)).port(),
                                        b.weight()));
        assertThat(weights)
                .containsEntry(via3.src().port(), 1000)
                .containsEntry(via2.src().port(), 250);
    }

    @Test
    void of10SwitchesGetASinglePath() {
        TopologySnapshot topo = TopologyFixtures.fatTree(4);
        HostAttachment h = hostPerSwitch(topo).get(TopologyFixtures.fatTreeEdge(4, 0, 0));
        RoutingPlan plan =
                DestinationPlanner.plan(topo, LinkWeighers.HOP_COUNT, h, 0, switches(topo, false));
        assertThat(plan.groups().isEmpty()).isTrue();
    }

    @Test
    void adminWeightsSteerTheRoute() {
        TopologySnapshot ring = TopologyFixtures.ring(4);
        HostAttachment h = hostPerSwitch(ring).get(Dpid.of(3));
        HostAttachment from = hostPerSwitch(ring).get(Dpid.of(1));
        // Equal cost both ways round; make 1->2 expensive: traffic from 1 must go through 4.
        Map<Link, LinkInfo> links = new HashMap<>(ring.linkInfos());
        Link oneTwo = TopologyFixtures.link(ring, 1, 2);
        links.put(oneTwo, links.get(oneTwo).withAdminWeight(10));
        TopologySnapshot weighted = ring.next(ring.createdAt(), ring.switches(), links);

        FakeFabric fabric = new FakeFabric(weighted);
        fabric.apply(
                DestinationPlanner.plan(
                        weighted, LinkWeighers.ADMIN_WEIGHT, h, 0, switches(weighted, true)));

        assertThat(fabric.flows(Dpid.of(1)))
                .singleElement()
                .satisfies(
                        r ->
                                assertThat(r.actions())
                                        .containsExactly(
                                                FlowAction.output(
                                                        TopologyFixtures.link(weighted, 1, 4)
                                                                .src()
                                                                .port())));
        assertThat(fabric.trace(from.location(), from.mac(), h.mac()))
                .containsExactly(h.location());
    }

    @Test
    void unreachableSwitchesGetNoRule() {
        TopologySnapshot split = TopologyFixtures.builder().cable(1, 2).cable(3, 4).build();
        HostAttachment h = hostPerSwitch(split).get(Dpid.of(1));
        RoutingPlan plan =
                DestinationPlanner.plan(split, LinkWeighers.HOP_COUNT, h, 0, switches(split, true));
        assertThat(plan.flows().keySet()).containsExactlyInAnyOrder(Dpid.of(1), Dpid.of(2));
        List<Dpid> none = new ArrayList<>(List.of(Dpid.of(3), Dpid.of(4)));
        none.forEach(d -> assertThat(plan.flows().get(d)).isEmpty());
    }
}
