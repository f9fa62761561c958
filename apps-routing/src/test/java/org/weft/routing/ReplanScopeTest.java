package org.weft.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.weft.failover.LocalProtection;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.routing.plan.BackupChooser;
import org.weft.net.topology.LinkInfo;
import org.weft.net.topology.LinkWeigher;
import org.weft.net.topology.LinkWeighers;
import org.weft.net.topology.TopologyFixtures;
import org.weft.net.topology.TopologySnapshot;

/**
 * Re-planning a destination after a change rebuilds only some switches and keeps the rest of its
 * previous plan: the result must be exactly what planning from scratch gives, through random
 * sequences of cable cuts, repairs, latency changes and switches going and coming back; so must the
 * link index updated only at the rebuilt switches.
 */
class ReplanScopeTest {

    private static final int STEPS = 40;

    /** The failover app's chooser: protected plans are where the scope is hardest to get right. */
    private static final BackupChooser PROTECTION = new LocalProtection();

    @Test
    void fatTreeHopCount() {
        assertIncrementalEqualsScratch(TopologyFixtures.fatTree(4), LinkWeighers.HOP_COUNT, 1);
    }

    @Test
    void fatTreeLatency() {
        assertIncrementalEqualsScratch(TopologyFixtures.fatTree(4), LinkWeighers.LATENCY, 2);
    }

    @Test
    void ringLatency() {
        assertIncrementalEqualsScratch(TopologyFixtures.ring(7), LinkWeighers.LATENCY, 3);
    }

    /** Triangles give detours between neighbours: latency changes move loop-free alternates. */
    @Test
    void meshWithChordsLatency() {
        assertIncrementalEqualsScratch(
                ScopeFixtures.meshWithChords(), LinkWeighers.LATENCY, 5, 400);
    }

    @Test
    void leafSpineHopCount() {
        assertIncrementalEqualsScratch(TopologyFixtures.leafSpine(3, 5), LinkWeighers.HOP_COUNT, 4);
    }

    @Test
    void incrementalPlanningRebuildsFewSwitchesForOneCut() {
        TopologySnapshot full = TopologyFixtures.fatTree(4);
        Map<Dpid, SwitchInfo> switches = DestinationPlannerTest.switches(full, true);
        HostAttachment h = DestinationPlannerTest.hostPerSwitch(full).get(full.switches().last());
        PlannedRoute before =
                DestinationPlanner.plan(
                        new PlanContext(full, LinkWeighers.HOP_COUNT, switches, PROTECTION),
                        h,
                        0,
                        null);
        Link core = full.linksFrom(full.switches().first()).iterator().next();
        TopologySnapshot cut = withLinks(full, without(full.linkInfos(), core));
        PlannedRoute after =
                DestinationPlanner.plan(
                        new PlanContext(cut, LinkWeighers.HOP_COUNT, switches, PROTECTION),
                        h,
                        0,
                        before);
        assertThat(after.rebuilt()).isNotNull();
        assertThat(after.rebuilt().size()).isLessThan(full.switches().size() / 2);
        assertThat(after.plan())
                .isEqualTo(
                        DestinationPlanner.plan(
                                new PlanContext(cut, LinkWeighers.HOP_COUNT, switches, PROTECTION),
                                h,
                                0));
    }

    private static void assertIncrementalEqualsScratch(
            TopologySnapshot full, LinkWeigher weigher, long seed) {
        assertIncrementalEqualsScratch(full, weigher, seed, STEPS);
    }

    private static void assertIncrementalEqualsScratch(
            TopologySnapshot full, LinkWeigher weigher, long seed, int steps) {
        Random random = new Random(seed);
        Map<Dpid, SwitchInfo> switches = DestinationPlannerTest.switches(full, true);
        List<HostAttachment> hosts =
                new ArrayList<>(DestinationPlannerTest.hostPerSwitch(full).values());
        List<Link> cables =
                full.links().stream().filter(l -> l.compareTo(l.reverse()) < 0).toList();
        Map<Link, LinkInfo> links = new HashMap<>(full.linkInfos());
        List<Dpid> all = List.copyOf(full.switches());
        Set<Dpid> down = new HashSet<>();
        Set<Dpid> disconnectedOnly = new HashSet<>();
        Map<HostAttachment, PlannedRoute> planned = new HashMap<>();
        LinkRouteIndex incremental = new LinkRouteIndex();
        LinkRouteIndex fromScratch = new LinkRouteIndex();
        int partial = 0;
        for (int step = 0; step < steps; step++) {
            Link cable = cables.get(random.nextInt(cables.size()));
            switch (random.nextInt(4)) {
                case 0 -> links = without(links, cable);
                case 3 -> {
                    // A switch disconnects (sometimes still in the snapshot for a moment), or
                    // one that had comes back.
                    Dpid s = all.get(random.nextInt(all.size()));
                    Set<Dpid> set = random.nextBoolean() ? down : disconnectedOnly;
                    if (!set.remove(s)) {
                        set.add(s);
                    }
                }
                case 1 -> {
                    links.put(cable, full.linkInfos().get(cable));
                    links.put(cable.reverse(), full.linkInfos().get(cable.reverse()));
                }
                default -> {
                    if (links.containsKey(cable)) {
                        long nanos = 1_000_000L * (1 + random.nextInt(6));
                        links.put(cable, links.get(cable).withLatencyNanos(nanos));
                    }
                }
            }
            Set<Dpid> up = new HashSet<>(all);
            up.removeAll(down);
            Map<Link, LinkInfo> upLinks = new HashMap<>(links);
            upLinks.keySet()
                    .removeIf(l -> down.contains(l.srcDpid()) || down.contains(l.dstDpid()));
            TopologySnapshot topo = full.next(Instant.now(), up, upLinks);
            Map<Dpid, SwitchInfo> connected = new HashMap<>(switches);
            connected.keySet().removeAll(down);
            connected.keySet().removeAll(disconnectedOnly);
            PlanContext ctx = new PlanContext(topo, weigher, connected, PROTECTION);
            for (int i = 0; i < hosts.size(); i++) {
                HostAttachment h = hosts.get(i);
                PlanKey key =
                        PlanKey.of(
                                org.weft.net.host.HostId.of(
                                        h.mac(),
                                        h.vlan() == null
                                                ? org.weft.net.host.HostId.NO_VLAN
                                                : h.vlan()));
                PlannedRoute next = DestinationPlanner.plan(ctx, h, i, planned.get(h));
                RoutingPlan scratch = DestinationPlanner.plan(ctx, h, i);
                assertThat(next.plan())
                        .as("step %d, destination %s", step, h.location())
                        .isEqualTo(scratch);
                PlannedRoute previous = planned.get(h);
                if (next.rebuilt() != null) {
                    partial++;
                    ScopeFixtures.assertOnlyRebuiltDiffer(step, all, previous.plan(), next);
                    incremental.update(key, next.plan(), topo, next.rebuilt());
                } else {
                    incremental.put(key, next.plan(), topo);
                }
                fromScratch.put(key, scratch, topo);
                planned.put(h, next);
            }
            for (Link l : full.links()) {
                assertThat(incremental.keysUsing(List.of(l)))
                        .as("step %d: destinations using %s", step, l)
                        .isEqualTo(fromScratch.keysUsing(List.of(l)));
            }
        }
        assertThat(partial).as("destinations re-planned in part").isPositive();
    }

    private static Map<Link, LinkInfo> without(Map<Link, LinkInfo> links, Link cable) {
        Map<Link, LinkInfo> out = new HashMap<>(links);
        out.remove(cable);
        out.remove(cable.reverse());
        return out;
    }

    private static TopologySnapshot withLinks(TopologySnapshot full, Map<Link, LinkInfo> links) {
        return full.next(Instant.now(), full.switches(), links);
    }
}
