package org.weft.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.weft.failover.LocalProtection;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.flow.Group;
import org.weft.net.topology.LinkWeighers;
import org.weft.net.topology.TopologyFixtures;
import org.weft.net.topology.TopologySnapshot;

/**
 * Plans with the failover app's backups ({@link LocalProtection}, through the {@code BackupChooser}
 * seam): fast-failover groups and U-turn rules keep every pair connected through any single cable
 * cut, with no controller reaction.
 */
class ProtectedPlansTest {

    private static FakeFabric protectedFabric(
            TopologySnapshot topo, Map<Dpid, HostAttachment> hosts) {
        FakeFabric fabric = new FakeFabric(topo);
        PlanContext ctx =
                new PlanContext(
                        topo,
                        LinkWeighers.HOP_COUNT,
                        DestinationPlannerTest.switches(topo, true),
                        new LocalProtection());
        int i = 0;
        for (HostAttachment h : hosts.values()) {
            fabric.apply(DestinationPlanner.plan(ctx, h, i++));
        }
        return fabric;
    }

    private static void assertSurvivesEveryCableCut(
            TopologySnapshot topo, Map<Dpid, HostAttachment> hosts) {
        for (Link cable : topo.links()) {
            if (cable.compareTo(cable.reverse()) > 0) {
                continue; // one direction per cable
            }
            FakeFabric fabric = protectedFabric(topo, hosts);
            DestinationPlannerTest.assertEveryPairReaches(topo, fabric, hosts);
            fabric.cut(cable);
            for (HostAttachment a : hosts.values()) {
                for (HostAttachment b : hosts.values()) {
                    if (!a.equals(b)) {
                        assertThat(fabric.trace(a.location(), a.mac(), b.mac()))
                                .as("%s -> %s with %s cut", a.location(), b.location(), cable)
                                .isNotEmpty()
                                .allMatch(cp -> cp.equals(b.location()));
                    }
                }
            }
        }
    }

    @Test
    void leafSpineSurvivesAnyCableCutWithoutTheController() {
        TopologySnapshot topo = TopologyFixtures.leafSpine(2, 4);
        Map<Dpid, HostAttachment> hosts = new HashMap<>();
        DestinationPlannerTest.hostPerSwitch(topo)
                .forEach(
                        (s, h) -> {
                            if (s.value() >= TopologyFixtures.AGG_BASE) {
                                hosts.put(s, h);
                            }
                        });
        assertSurvivesEveryCableCut(topo, hosts);
    }

    @Test
    void fatTreeSurvivesAnyCableCutWithoutTheController() {
        TopologySnapshot topo = TopologyFixtures.fatTree(4);
        Map<Dpid, HostAttachment> hosts = new HashMap<>();
        DestinationPlannerTest.hostPerSwitch(topo)
                .forEach(
                        (s, h) -> {
                            if (s.value() >= TopologyFixtures.EDGE_BASE) {
                                hosts.put(s, h);
                            }
                        });
        assertSurvivesEveryCableCut(topo, hosts);
    }

    @Test
    void fourRingSurvivesAnyCableCutWithoutTheController() {
        TopologySnapshot ring = TopologyFixtures.ring(4);
        assertSurvivesEveryCableCut(ring, DestinationPlannerTest.hostPerSwitch(ring));
    }

    @Test
    void singleNextHopSwitchesGetFastFailoverGroupsWhereAnAlternateExists() {
        TopologySnapshot topo = TopologyFixtures.leafSpine(2, 4);
        Dpid leaf0 = TopologyFixtures.leaf(0);
        HostAttachment h = DestinationPlannerTest.hostPerSwitch(topo).get(leaf0);
        PlanContext ctx =
                new PlanContext(
                        topo,
                        LinkWeighers.HOP_COUNT,
                        DestinationPlannerTest.switches(topo, true),
                        new LocalProtection());

        RoutingPlan plan = DestinationPlanner.plan(ctx, h, 3);

        // Each spine reaches leaf0 directly only: a fast-failover group, primary watching that
        // port.
        Dpid spine0 = TopologyFixtures.spine(0);
        Link down = TopologyFixtures.link(topo, spine0.value(), leaf0.value());
        assertThat(plan.groups().get(spine0))
                .singleElement()
                .satisfies(
                        g -> {
                            assertThat(g.type()).isEqualTo(Group.Type.FAST_FAILOVER);
                            assertThat(g.buckets()).hasSize(2);
                            assertThat(g.buckets().get(0).watchPort()).isEqualTo(down.src().port());
                        });
        // Without protection the same switch outputs straight to the port.
        RoutingPlan plain =
                DestinationPlanner.plan(
                        topo,
                        LinkWeighers.HOP_COUNT,
                        h,
                        3,
                        DestinationPlannerTest.switches(topo, true));
        assertThat(plain.groups().get(spine0)).isEmpty();
    }
}
