package org.weft.net.topology.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.topology.LinkWeighers;
import org.weft.net.topology.NextHops;
import org.weft.net.topology.TopologyFixtures;
import org.weft.net.topology.TopologySnapshot;

class PlanningGraphTest {

    /** The bounded search gives exactly the distances a full Dijkstra toward s gives. */
    @Test
    void neighbourDistancesMatchAFullSearchOnRandomWeightedGraphs() {
        Random random = new Random(11);
        for (int round = 0; round < 40; round++) {
            TopologyFixtures.Builder b = TopologyFixtures.builder();
            int n = 6 + random.nextInt(6);
            for (int i = 1; i <= n; i++) {
                b.addSwitch(i);
            }
            for (int i = 1; i <= n; i++) {
                for (int j = i + 1; j <= n; j++) {
                    if (random.nextInt(100) < 40) {
                        // Heavy direct links, so the cheapest way back is often a detour.
                        b.cable(i, j, 1 + random.nextInt(9));
                    }
                }
            }
            TopologySnapshot t = b.build();
            PlanningGraph g = new PlanningGraph(t, LinkWeighers.ADMIN_WEIGHT);
            for (Dpid s : t.switches()) {
                NextHops full = EqualCostPaths.nextHops(t, LinkWeighers.ADMIN_WEIGHT, s);
                Map<Dpid, Double> near = g.distancesFromNeighbours(s);
                for (Link l : t.linksFrom(s)) {
                    assertThat(near.get(l.dstDpid()))
                            .as("d(%s, %s) in %s", l.dstDpid(), s, t.links())
                            .isEqualTo(full.distance(l.dstDpid()).orElseThrow());
                }
                assertThat(near)
                        .hasSize(
                                (int)
                                        t.linksFrom(s).stream()
                                                .map(Link::dstDpid)
                                                .distinct()
                                                .count());
            }
        }
    }

    /**
     * Weights close to each other (where the links back are read off directly), some exactly twice
     * the least, some above, one-way links (a neighbour with no link back): always what a full
     * Dijkstra toward s gives.
     */
    @Test
    void directNeighbourCostsMatchAFullSearch() {
        Random random = new Random(23);
        double[] weights = {1, 1, 1.5, 2, 2, 2.5};
        for (int round = 0; round < 200; round++) {
            TopologyFixtures.Builder b = TopologyFixtures.builder();
            int n = 4 + random.nextInt(8);
            for (int i = 1; i <= n; i++) {
                b.addSwitch(i);
            }
            boolean uniform = round % 4 == 0;
            for (int i = 1; i <= n; i++) {
                for (int j = i + 1; j <= n; j++) {
                    int r = random.nextInt(100);
                    double w = uniform ? 1 : weights[random.nextInt(weights.length)];
                    if (r < 35) {
                        b.cable(i, j, w);
                    } else if (r < 45) {
                        b.oneWay(i, j, w);
                    } else if (r < 50) {
                        b.oneWay(j, i, w);
                    }
                }
            }
            TopologySnapshot t = b.build();
            for (var weigher : List.of(LinkWeighers.ADMIN_WEIGHT, LinkWeighers.HOP_COUNT)) {
                PlanningGraph g = new PlanningGraph(t, weigher);
                for (Dpid s : t.switches()) {
                    NextHops full = EqualCostPaths.nextHops(t, weigher, s);
                    Map<Dpid, Double> expected = new HashMap<>();
                    for (Link l : t.linksFrom(s)) {
                        full.distance(l.dstDpid()).ifPresent(d -> expected.put(l.dstDpid(), d));
                    }
                    assertThat(g.distancesFromNeighbours(s))
                            .as("round %d, s %s in %s", round, s, t.links())
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void unknownSwitchHasNoNeighbours() {
        TopologySnapshot t = GraphFixtures.diamond();
        assertThat(
                        new PlanningGraph(t, LinkWeighers.HOP_COUNT)
                                .distancesFromNeighbours(Dpid.of(99)))
                .isEmpty();
    }
}
