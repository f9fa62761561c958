package org.weft.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.topology.LinkInfo;
import org.weft.net.topology.TopologyFixtures;
import org.weft.net.topology.TopologySnapshot;

/** Fabrics and checks shared by the incremental re-planning tests. */
final class ScopeFixtures {

    private ScopeFixtures() {}

    /** A ring of 8 with chords: triangles give detours between neighbours. */
    static TopologySnapshot meshWithChords() {
        TopologyFixtures.Builder b = TopologyFixtures.builder();
        for (int i = 1; i <= 8; i++) {
            b.cable(i, i % 8 + 1);
        }
        b.cable(1, 3).cable(3, 5).cable(5, 7).cable(2, 6).cable(4, 8).cable(1, 6);
        return b.build();
    }

    /** The same links with latencies of 1-4 ms (drawn in link order), so detours vary. */
    static TopologySnapshot unevenLatencies(TopologySnapshot topo, long seed) {
        Random random = new Random(seed);
        Map<Link, LinkInfo> links = new HashMap<>();
        for (Link l : Set.copyOf(topo.links()).stream().sorted().toList()) {
            links.put(
                    l,
                    topo.linkInfos().get(l).withLatencyNanos(1_000_000L * (1 + random.nextInt(4))));
        }
        return topo.next(Instant.now(), topo.switches(), links);
    }

    /**
     * A partial re-plan differs from the plan it came from only at the switches it rebuilt (the
     * programmer writes only those).
     */
    static void assertOnlyRebuiltDiffer(
            int step, Iterable<Dpid> switches, RoutingPlan before, PlannedRoute next) {
        for (Dpid s : switches) {
            if (!next.rebuilt().contains(s)) {
                assertThat(next.plan().flows().get(s))
                        .as("step %d: flows on %s, not rebuilt", step, s)
                        .isEqualTo(before.flows().get(s));
                assertThat(next.plan().groups().get(s))
                        .as("step %d: groups on %s, not rebuilt", step, s)
                        .isEqualTo(before.groups().get(s));
            }
        }
    }
}
