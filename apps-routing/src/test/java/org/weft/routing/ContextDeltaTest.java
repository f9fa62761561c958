package org.weft.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
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
 * After links were lost alone, the delta looks for moved neighbour costs only at the switches that
 * lost a link and those whose costs took a search: through random losses (cables and single
 * directions, several per step) the switches it names must be exactly those at which a comparison
 * of every switch finds the costs from its neighbours back to it changed, and the lost links
 * exactly the removed ones.
 */
class ContextDeltaTest {

    private static final BackupChooser PROTECTION = new LocalProtection();

    @Test
    void fatTreeHopCount() {
        assertMovedAtEqualsEverySwitchCompared(
                TopologyFixtures.fatTree(4), LinkWeighers.HOP_COUNT, 21);
    }

    /** Latencies of 1-4 ms: links back dearer than a detour, so some costs take a search. */
    @Test
    void meshWithChordsLatency() {
        assertMovedAtEqualsEverySwitchCompared(
                ScopeFixtures.unevenLatencies(ScopeFixtures.meshWithChords(), 22),
                LinkWeighers.LATENCY,
                22);
    }

    @Test
    void fatTreeLatency() {
        assertMovedAtEqualsEverySwitchCompared(
                ScopeFixtures.unevenLatencies(TopologyFixtures.fatTree(4), 23),
                LinkWeighers.LATENCY,
                23);
    }

    private static void assertMovedAtEqualsEverySwitchCompared(
            TopologySnapshot full, LinkWeigher weigher, long seed) {
        Random random = new Random(seed);
        Map<Dpid, SwitchInfo> switches = DestinationPlannerTest.switches(full, true);
        List<Link> all = List.copyOf(full.links());
        int searched = 0;
        int moved = 0;
        for (int run = 0; run < 40; run++) {
            Map<Link, LinkInfo> links = new HashMap<>(full.linkInfos());
            PlanContext before =
                    new PlanContext(
                            full.next(Instant.now(), full.switches(), links),
                            weigher,
                            switches,
                            PROTECTION);
            for (int step = 0; step < 6; step++) {
                Set<Link> lost = new HashSet<>();
                for (int n = 1 + random.nextInt(2); n > 0; n--) {
                    Link l = all.get(random.nextInt(all.size()));
                    if (links.containsKey(l)) {
                        lost.add(l);
                    }
                    if (random.nextBoolean() && links.containsKey(l.reverse())) {
                        lost.add(l.reverse()); // a cable; otherwise one direction only
                    }
                }
                links = new HashMap<>(links);
                links.keySet().removeAll(lost);
                PlanContext after =
                        new PlanContext(
                                full.next(Instant.now(), full.switches(), links),
                                weigher,
                                switches,
                                PROTECTION);
                ContextDelta delta = after.since(before);
                assertThat(delta.lostLinks()).isEqualTo(lost);
                Set<Dpid> expected = new HashSet<>();
                for (Dpid s : full.switches()) {
                    if (!before.distancesFromNeighbours(s)
                            .equals(after.distancesFromNeighbours(s))) {
                        expected.add(s);
                    }
                }
                assertThat(delta.neighbourDistancesMovedAt())
                        .as("run %d step %d, lost %s", run, step, lost)
                        .isEqualTo(expected);
                searched += before.searchedNeighbourDistances().size();
                moved += expected.size();
                before = after;
            }
        }
        assertThat(moved).as("switches whose neighbours' costs moved").isPositive();
        if (weigher == LinkWeighers.LATENCY) {
            assertThat(searched).as("switches whose costs took a search").isPositive();
        }
    }
}
