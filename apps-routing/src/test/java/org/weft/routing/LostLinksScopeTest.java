package org.weft.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.weft.failover.LocalProtection;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.host.HostId;
import org.weft.net.routing.plan.BackupChooser;
import org.weft.net.topology.LinkInfo;
import org.weft.net.topology.LinkWeigher;
import org.weft.net.topology.LinkWeighers;
import org.weft.net.topology.NextHops;
import org.weft.net.topology.TopologyFixtures;
import org.weft.net.topology.TopologySnapshot;

/**
 * The narrower re-plan scope after links were lost and nothing else changed ({@link ReplanScope}):
 * through random runs of cable cuts and one-way losses (with an occasional repair of everything
 * between them, re-planned with the full scope), every destination re-planned incrementally must
 * equal planning it from scratch, differ from its previous plan only at the switches it names as
 * rebuilt, and leave the link index as planning from scratch would. As in a restoration, a
 * destination is not re-planned at every step, so one re-plan may span several losses.
 */
class LostLinksScopeTest {

    private static final BackupChooser PROTECTION = new LocalProtection();

    @Test
    void fatTreeHopCount() {
        assertCutsEqualScratch(TopologyFixtures.fatTree(4), LinkWeighers.HOP_COUNT, 11, 120);
    }

    @Test
    void widerFatTreeHopCount() {
        assertCutsEqualScratch(TopologyFixtures.fatTree(6), LinkWeighers.HOP_COUNT, 12, 40);
    }

    @Test
    void leafSpineHopCount() {
        assertCutsEqualScratch(TopologyFixtures.leafSpine(3, 5), LinkWeighers.HOP_COUNT, 13, 120);
    }

    /** Triangles and uneven latencies: detours, loop-free alternates and U-turns all occur. */
    @Test
    void meshWithChordsLatency() {
        assertCutsEqualScratch(
                ScopeFixtures.unevenLatencies(ScopeFixtures.meshWithChords(), 14),
                LinkWeighers.LATENCY,
                14,
                200);
    }

    @Test
    void fatTreeLatency() {
        assertCutsEqualScratch(
                ScopeFixtures.unevenLatencies(TopologyFixtures.fatTree(4), 15),
                LinkWeighers.LATENCY,
                15,
                120);
    }

    /**
     * An edge-aggregation cut on a fat tree: toward a host in another pod only the edge switch lost
     * a next hop, its aggregation neighbours have several, so the scope is the cable's two ends.
     */
    @Test
    void edgeAggregationCutScopesTheCablesEndsForARemoteDestination() {
        TopologySnapshot full = TopologyFixtures.fatTree(4);
        Map<Dpid, SwitchInfo> switches = DestinationPlannerTest.switches(full, true);
        Dpid edge = TopologyFixtures.fatTreeEdge(4, 0, 0);
        HostAttachment far =
                DestinationPlannerTest.hostPerSwitch(full)
                        .get(TopologyFixtures.fatTreeEdge(4, 3, 1));
        PlannedRoute before =
                DestinationPlanner.plan(
                        new PlanContext(full, LinkWeighers.HOP_COUNT, switches, PROTECTION),
                        far,
                        0,
                        null);
        Link up = before.hops().linksFrom(edge).get(0);
        Map<Link, LinkInfo> links = new HashMap<>(full.linkInfos());
        links.remove(up);
        links.remove(up.reverse());
        PlanContext cut =
                new PlanContext(
                        full.next(Instant.now(), full.switches(), links),
                        LinkWeighers.HOP_COUNT,
                        switches,
                        PROTECTION);
        NextHops hops = cut.nextHops(far.location().dpid(), before.hops(), before.context());
        assertThat(ReplanScope.dirty(before, cut, hops, far, 0))
                .containsExactlyInAnyOrder(edge, up.dstDpid());
        PlannedRoute after = DestinationPlanner.plan(cut, far, 0, before);
        assertThat(after.rebuilt()).containsExactly(edge);
        assertThat(after.plan()).isEqualTo(DestinationPlanner.plan(cut, far, 0));
    }

    private static void assertCutsEqualScratch(
            TopologySnapshot full, LinkWeigher weigher, long seed, int steps) {
        Random random = new Random(seed);
        Map<Dpid, SwitchInfo> switches = DestinationPlannerTest.switches(full, true);
        List<HostAttachment> hosts =
                new ArrayList<>(DestinationPlannerTest.hostPerSwitch(full).values());
        List<Link> all = List.copyOf(full.links());
        Map<Link, LinkInfo> links = new HashMap<>(full.linkInfos());
        Map<HostAttachment, PlannedRoute> planned = new HashMap<>();
        LinkRouteIndex incremental = new LinkRouteIndex();
        LinkRouteIndex fromScratch = new LinkRouteIndex();
        PlanContext last = null;
        int narrowed = 0;
        for (int step = 0; step < steps; step++) {
            boolean lossOnly = true;
            if (step == 0) {
                lossOnly = false;
            } else if (random.nextInt(8) == 0 || links.size() < full.links().size() / 2) {
                links = new HashMap<>(full.linkInfos());
                lossOnly = false;
            } else {
                Link l = all.get(random.nextInt(all.size()));
                links = new HashMap<>(links);
                links.remove(l);
                if (random.nextInt(4) != 0) {
                    links.remove(l.reverse()); // a cable; otherwise one direction only
                }
            }
            TopologySnapshot topo = full.next(Instant.now(), full.switches(), links);
            PlanContext ctx = new PlanContext(topo, weigher, switches, PROTECTION);
            if (last != null) {
                ctx.shareBucketsWith(last);
            }
            last = ctx;
            for (int i = 0; i < hosts.size(); i++) {
                HostAttachment h = hosts.get(i);
                PlannedRoute previous = planned.get(h);
                if (previous != null && random.nextInt(3) == 0) {
                    continue; // not re-planned now: its next re-plan spans more than one step
                }
                PlanKey key = PlanKey.of(HostId.of(h.mac(), HostId.NO_VLAN));
                PlannedRoute next = DestinationPlanner.plan(ctx, h, i, previous);
                RoutingPlan scratch = DestinationPlanner.plan(ctx, h, i);
                assertThat(next.plan())
                        .as("step %d, destination %s", step, h.location())
                        .isEqualTo(scratch);
                if (next.rebuilt() != null) {
                    if (lossOnly && ctx.since(previous.context()).lostLinks() != null) {
                        narrowed++;
                    }
                    ScopeFixtures.assertOnlyRebuiltDiffer(
                            step, full.switches(), previous.plan(), next);
                    incremental.update(key, next.plan(), topo, next.rebuilt());
                } else {
                    incremental.put(key, next.plan(), topo);
                }
                fromScratch.put(key, scratch, topo);
                planned.put(h, next);
            }
            for (Link l : all) {
                assertThat(incremental.keysUsing(List.of(l)))
                        .as("step %d: destinations using %s", step, l)
                        .isEqualTo(fromScratch.keysUsing(List.of(l)));
            }
        }
        assertThat(narrowed).as("destinations re-planned after losses alone").isPositive();
    }
}
