package org.weft.net.topology.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.weft.net.topology.TopologyFixtures.fatTreeAgg;
import static org.weft.net.topology.TopologyFixtures.fatTreeCore;
import static org.weft.net.topology.TopologyFixtures.fatTreeEdge;
import static org.weft.net.topology.TopologyFixtures.link;
import static org.weft.net.topology.TopologyFixtures.links;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.net.topology.LinkWeighers;
import org.weft.net.topology.NextHops;
import org.weft.net.topology.Path;
import org.weft.net.topology.TopologyFixtures;
import org.weft.net.topology.TopologySnapshot;

class EqualCostPathsTest {

    private static final int K = 4;
    private static final TopologySnapshot FAT_TREE = TopologyFixtures.fatTree(K);

    private static List<Path> find(TopologySnapshot t, long src, long dst, int max) {
        return EqualCostPaths.find(t, LinkWeighers.ADMIN_WEIGHT, Dpid.of(src), Dpid.of(dst), max);
    }

    @Test
    void fatTreeAcrossPodsHasFourEqualPaths() {
        Dpid src = fatTreeEdge(K, 0, 0);
        Dpid dst = fatTreeEdge(K, 1, 0);

        List<Path> paths = EqualCostPaths.find(FAT_TREE, LinkWeighers.HOP_COUNT, src, dst, 16);

        assertThat(paths)
                .extracting(Path::switches)
                .containsExactly(
                        List.of(src, fatTreeAgg(K, 0, 0), fatTreeCore(0), fatTreeAgg(K, 1, 0), dst),
                        List.of(src, fatTreeAgg(K, 0, 0), fatTreeCore(1), fatTreeAgg(K, 1, 0), dst),
                        List.of(src, fatTreeAgg(K, 0, 1), fatTreeCore(2), fatTreeAgg(K, 1, 1), dst),
                        List.of(
                                src,
                                fatTreeAgg(K, 0, 1),
                                fatTreeCore(3),
                                fatTreeAgg(K, 1, 1),
                                dst));
        assertThat(paths).extracting(Path::cost).containsOnly(4.0);
    }

    @Test
    void fatTreeWithinPodHasTwoEqualPaths() {
        Dpid src = fatTreeEdge(K, 2, 0);
        Dpid dst = fatTreeEdge(K, 2, 1);

        List<Path> paths = EqualCostPaths.find(FAT_TREE, LinkWeighers.HOP_COUNT, src, dst, 16);

        assertThat(paths)
                .extracting(Path::switches)
                .containsExactly(
                        List.of(src, fatTreeAgg(K, 2, 0), dst),
                        List.of(src, fatTreeAgg(K, 2, 1), dst));
    }

    @Test
    void countIsBounded() {
        List<Path> paths =
                EqualCostPaths.find(
                        FAT_TREE,
                        LinkWeighers.HOP_COUNT,
                        fatTreeEdge(K, 0, 0),
                        fatTreeEdge(K, 3, 1),
                        3);

        assertThat(paths).hasSize(3);
        assertThat(
                        EqualCostPaths.find(
                                FAT_TREE,
                                LinkWeighers.HOP_COUNT,
                                fatTreeEdge(K, 0, 0),
                                fatTreeEdge(K, 3, 1),
                                0))
                .isEmpty();
    }

    @Test
    void diamondHasTwoPathsOfCostThree() {
        TopologySnapshot t = GraphFixtures.diamond();

        assertThat(find(t, 1, 4, 16))
                .extracting(Path::links)
                .containsExactly(links(t, 1, 2, 3, 4), links(t, 1, 3, 4));
    }

    @Test
    void costsEqualWithinFloatingPointTolerance() {
        // 0.1 + 0.2 != 0.3 in binary floating point, yet both paths cost "0.3".
        TopologySnapshot t =
                TopologyFixtures.builder()
                        .cable(1, 2, 0.1)
                        .cable(2, 4, 0.2)
                        .cable(1, 3, 0.3)
                        .cable(3, 4, 0.0)
                        .build();

        assertThat(find(t, 1, 4, 16))
                .extracting(Path::links)
                .containsExactly(links(t, 1, 2, 4), links(t, 1, 3, 4));
    }

    @Test
    void noPathsAcrossComponentsAndEmptyPathForSameSwitch() {
        TopologySnapshot t = TopologyFixtures.builder().cable(1, 2).cable(3, 4).build();

        assertThat(find(t, 1, 4, 16)).isEmpty();
        assertThat(find(t, 3, 3, 16)).containsExactly(Path.empty(Dpid.of(3)));
        assertThat(find(t, 1, 99, 16)).isEmpty();
    }

    /** On seeded random graphs, the equal-cost set is exactly the cheapest of all simple paths. */
    @Test
    void matchesBruteForceOnRandomGraphs() {
        Random random = new Random(7);
        for (int round = 0; round < 40; round++) {
            TopologyFixtures.Builder b = TopologyFixtures.builder();
            int n = 5 + random.nextInt(3);
            for (int i = 1; i <= n; i++) {
                b.addSwitch(i);
            }
            for (int i = 1; i <= n; i++) {
                for (int j = i + 1; j <= n; j++) {
                    if (random.nextInt(100) < 50) {
                        b.cable(i, j, 1 + random.nextInt(3));
                    }
                }
            }
            TopologySnapshot t = b.build();
            List<Path> all =
                    KShortestPaths.find(
                            t, LinkWeighers.ADMIN_WEIGHT, Dpid.of(1), Dpid.of(n), 100_000);
            double min = all.stream().mapToDouble(Path::cost).min().orElse(0);
            Set<Path> cheapest =
                    all.stream().filter(p -> p.cost() == min).collect(Collectors.toSet());

            assertThat(Set.copyOf(find(t, 1, n, 1_000))).as("%s", t.links()).isEqualTo(cheapest);
        }
    }

    @Test
    void nextHopsOnDiamond() {
        TopologySnapshot t = GraphFixtures.diamond();

        NextHops hops = EqualCostPaths.nextHops(t, LinkWeighers.ADMIN_WEIGHT, Dpid.of(4));

        assertThat(hops.linksFrom(Dpid.of(1))).containsExactly(link(t, 1, 2), link(t, 1, 3));
        assertThat(hops.linksFrom(Dpid.of(2))).containsExactly(link(t, 2, 3));
        assertThat(hops.linksFrom(Dpid.of(3))).containsExactly(link(t, 3, 4));
        assertThat(hops.linksFrom(Dpid.of(4))).isEmpty();
        assertThat(hops.distance(Dpid.of(1))).hasValue(3.0);
        assertThat(hops.distance(Dpid.of(2))).hasValue(2.0);
        assertThat(hops.distance(Dpid.of(4))).hasValue(0.0);
    }

    @Test
    void nextHopsOnFatTree() {
        Dpid dst = fatTreeEdge(K, 1, 0);

        NextHops hops = EqualCostPaths.nextHops(FAT_TREE, LinkWeighers.HOP_COUNT, dst);

        assertThat(hops.linksFrom(fatTreeEdge(K, 0, 0)))
                .extracting(l -> l.dstDpid())
                .containsExactly(fatTreeAgg(K, 0, 0), fatTreeAgg(K, 0, 1));
        assertThat(hops.linksFrom(fatTreeAgg(K, 0, 1)))
                .extracting(l -> l.dstDpid())
                .containsExactly(fatTreeCore(2), fatTreeCore(3));
        assertThat(hops.linksFrom(fatTreeCore(2)))
                .extracting(l -> l.dstDpid())
                .containsExactly(fatTreeAgg(K, 1, 1));
        assertThat(hops.linksFrom(fatTreeAgg(K, 1, 1)))
                .extracting(l -> l.dstDpid())
                .containsExactly(dst);
        assertThat(hops.linksFrom(fatTreeEdge(K, 1, 1)))
                .extracting(l -> l.dstDpid())
                .containsExactly(fatTreeAgg(K, 1, 0), fatTreeAgg(K, 1, 1));
        assertThat(hops.distances()).hasSize(20);
        assertThat(hops.links().keySet()).hasSize(19);
        assertThat(hops.distance(fatTreeEdge(K, 3, 1))).hasValue(4.0);
    }

    @Test
    void destinationsOfOneGraphShareASwitchsNextHopsWhileTheyAreTheSame() {
        PlanningGraph g = new PlanningGraph(FAT_TREE, LinkWeighers.HOP_COUNT);
        Dpid edge = fatTreeEdge(K, 0, 0);
        Dpid agg = fatTreeAgg(K, 2, 0);

        NextHops first = g.nextHops(fatTreeEdge(K, 2, 0));
        NextHops second = g.nextHops(fatTreeEdge(K, 3, 0));
        NextHops inPod = g.nextHops(fatTreeEdge(K, 2, 1));

        // Toward both remote edge switches, edge (0,0) leaves by both uplinks: one list.
        assertThat(second.linksFrom(edge)).isSameAs(first.linksFrom(edge)).hasSize(2);
        // Pod 2's aggregation switch goes down to a different edge switch for each destination.
        assertThat(inPod.linksFrom(agg))
                .isNotEqualTo(first.linksFrom(agg))
                .extracting(l -> l.dstDpid())
                .containsExactly(fatTreeEdge(K, 2, 1));
        assertThat(first.linksFrom(agg))
                .extracting(l -> l.dstDpid())
                .containsExactly(fatTreeEdge(K, 2, 0));
        assertThat(inPod.linksFrom(edge)).isEqualTo(first.linksFrom(edge));
    }

    @Test
    void nextHopsOfUnreachableSwitchesAreEmpty() {
        TopologySnapshot t = TopologyFixtures.builder().cable(1, 2).cable(3, 4).build();

        NextHops hops = EqualCostPaths.nextHops(t, LinkWeighers.HOP_COUNT, Dpid.of(2));

        assertThat(hops.canReach(Dpid.of(1))).isTrue();
        assertThat(hops.canReach(Dpid.of(3))).isFalse();
        assertThat(hops.linksFrom(Dpid.of(3))).isEmpty();
        assertThat(hops.distance(Dpid.of(3))).isEmpty();
        assertThat(
                        EqualCostPaths.nextHops(t, LinkWeighers.HOP_COUNT, Dpid.of(99))
                                .links()
                                .isEmpty())
                .isTrue();
    }
}
