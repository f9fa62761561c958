package org.weft.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ArrayListMultimap;
import com.google.common.collect.ListMultimap;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.MacAddress;
import org.weft.net.flow.FlowRule;
import org.weft.net.topology.LinkInfo;
import org.weft.net.topology.TopologyFixtures;
import org.weft.net.topology.TopologySnapshot;

class FloodPlannerTest {

    private static void assertBroadcastReachesEveryOtherEdgePortOnce(TopologySnapshot topo) {
        Map<Dpid, HostAttachment> hosts = DestinationPlannerTest.hostPerSwitch(topo);
        Map<Dpid, SwitchInfo> switches = DestinationPlannerTest.switches(topo, true);
        FakeFabric fabric = new FakeFabric(topo);
        fabric.apply(FloodPlanner.plan(topo, switches));

        for (HostAttachment from : hosts.values()) {
            Dpid ingress = from.location().dpid();
            List<ConnectPoint> reached =
                    fabric.packetOut(
                            ingress,
                            FloodPlanner.floodPorts(
                                    topo, ingress, switches.get(ingress), from.location().port()),
                            from.mac(),
                            MacAddress.BROADCAST);
            List<ConnectPoint> others =
                    hosts.values().stream()
                            .map(HostAttachment::location)
                            .filter(cp -> !cp.equals(from.location()))
                            .toList();
            assertThat(reached)
                    .as("broadcast from %s", from.location())
                    .containsExactlyInAnyOrderElementsOf(others);
        }
    }

    @Test
    void ringNeverStormsAndEveryHostGetsOneCopy() {
        assertBroadcastReachesEveryOtherEdgePortOnce(TopologyFixtures.ring(6));
    }

    @Test
    void fatTreeNeverStormsAndEveryHostGetsOneCopy() {
        assertBroadcastReachesEveryOtherEdgePortOnce(TopologyFixtures.fatTree(4));
    }

    @Test
    void leafSpineNeverStormsAndEveryHostGetsOneCopy() {
        assertBroadcastReachesEveryOtherEdgePortOnce(TopologyFixtures.leafSpine(2, 4));
    }

    @Test
    void edgePortsExcludeLinkPorts() {
        TopologySnapshot ring = TopologyFixtures.ring(4);
        Map<Dpid, SwitchInfo> switches = DestinationPlannerTest.switches(ring, true);
        Dpid one = Dpid.of(1);
        assertThat(FloodPlanner.edgePorts(ring, one, switches.get(one)))
                .containsExactly(DestinationPlannerTest.hostPort(ring, one));
        assertThat(FloodPlanner.treePorts(ring, one))
                .isNotEmpty()
                .doesNotContain(DestinationPlannerTest.hostPort(ring, one));
    }

    /**
     * Two trees of a 4-ring, each missing a different cable (as while links are being discovered or
     * lost): some mix of switches on the old tree's rules and switches on the new one's sends a
     * broadcast round the ring, while every mix on either side of the step does not.
     */
    @Test
    void changingTheTreeGoesThroughAStepThatNeverStorms() {
        TopologySnapshot ring = TopologyFixtures.ring(4);
        Map<Dpid, SwitchInfo> switches = DestinationPlannerTest.switches(ring, true);
        RoutingPlan old = FloodPlanner.plan(without(ring, 1, 2), switches);
        RoutingPlan next = FloodPlanner.plan(without(ring, 3, 4), switches);
        RoutingPlan step = FloodPlanner.between(old, next);

        assertThat(someMixLoops(ring, old, next))
                .as("straight from one tree to the other")
                .isTrue();
        assertThat(someMixLoops(ring, old, step)).as("from the old tree to the step").isFalse();
        assertThat(someMixLoops(ring, step, next)).as("from the step to the new tree").isFalse();
        assertThat(FloodPlanner.between(next, next)).isEqualTo(next);
    }

    /** The snapshot without the cable between switches {@code x} and {@code y}. */
    private static TopologySnapshot without(TopologySnapshot topo, long x, long y) {
        Map<Link, LinkInfo> links = new HashMap<>(topo.linkInfos());
        links.keySet()
                .removeIf(
                        l -> Set.of(l.srcDpid().value(), l.dstDpid().value()).equals(Set.of(x, y)));
        return topo.next(Instant.now(), topo.switches(), links);
    }

    /**
     * Whether, with some switches holding {@code from}'s rules and the others {@code to}'s, a frame
     * arriving on some link goes round forever.
     */
    private static boolean someMixLoops(
            TopologySnapshot cabling, RoutingPlan from, RoutingPlan to) {
        List<Dpid> all = List.copyOf(cabling.switches());
        for (int mask = 0; mask < 1 << all.size(); mask++) {
            FakeFabric fabric = new FakeFabric(cabling);
            for (int i = 0; i < all.size(); i++) {
                Dpid s = all.get(i);
                RoutingPlan p = (mask >> i & 1) == 1 ? to : from;
                ListMultimap<Dpid, FlowRule> flows = ArrayListMultimap.create();
                flows.putAll(s, p.flows().get(s));
                fabric.apply(RoutingPlan.of(flows, ArrayListMultimap.create()));
            }
            for (Link l : cabling.links()) {
                try {
                    fabric.trace(l.dst(), MacAddress.of(0x0a0000000001L), MacAddress.BROADCAST);
                } catch (AssertionError loop) {
                    return true;
                }
            }
        }
        return false;
    }
}
