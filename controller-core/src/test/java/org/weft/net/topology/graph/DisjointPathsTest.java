package org.weft.net.topology.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.weft.net.topology.TopologyFixtures.fatTreeEdge;
import static org.weft.net.topology.TopologyFixtures.links;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.topology.DisjointPathPair;
import org.weft.net.topology.Disjointness;
import org.weft.net.topology.LinkWeighers;
import org.weft.net.topology.Path;
import org.weft.net.topology.TopologyFixtures;
import org.weft.net.topology.TopologySnapshot;

class DisjointPathsTest {

    private static Optional<DisjointPathPair> find(
            TopologySnapshot t, long src, long dst, Disjointness mode) {
        return DisjointPaths.find(t, LinkWeighers.ADMIN_WEIGHT, Dpid.of(src), Dpid.of(dst), mode);
    }

    @Test
    void ringGoesBothWaysAround() {
        TopologySnapshot t = TopologyFixtures.ring(6);

        for (Disjointness mode : Disjointness.values()) {
            DisjointPathPair pair = find(t, 1, 4, mode).orElseThrow();

            assertThat(pair.primary().links()).isEqualTo(links(t, 1, 2, 3, 4));
            assertThat(pair.backup().links()).isEqualTo(links(t, 1, 6, 5, 4));
            assertThat(pair.totalCost()).isEqualTo(6.0);
        }
    }

    @Test
    void escapesTheTrapThatDefeatsRemoveAndRetry() {
        TopologySnapshot t = GraphFixtures.trap();
        assertThat(ShortestPaths.find(t, LinkWeighers.ADMIN_WEIGHT, Dpid.of(1), Dpid.of(4)))
                .map(Path::links)
                .contains(links(t, 1, 2, 3, 4));

        for (Disjointness mode : Disjointness.values()) {
            DisjointPathPair pair = find(t, 1, 4, mode).orElseThrow();

            assertThat(pair.primary().links()).isEqualTo(links(t, 1, 2, 4));
            assertThat(pair.backup().links()).isEqualTo(links(t, 1, 3, 4));
            assertThat(pair.totalCost()).isEqualTo(8.0);
        }
    }

    @Test
    void figureEightHasLinkDisjointButNoNodeDisjointPair() {
        TopologySnapshot t = GraphFixtures.figureEight();

        DisjointPathPair pair = find(t, 1, 7, Disjointness.LINK).orElseThrow();

        assertThat(pair.totalCost()).isEqualTo(8.0);
        assertThat(pair.primary().links()).isEqualTo(links(t, 1, 2, 4, 5, 7));
        assertThat(pair.backup().links()).isEqualTo(links(t, 1, 3, 4, 6, 7));
        assertThat(find(t, 1, 7, Disjointness.NODE)).isEmpty();
    }

    @Test
    void parallelCablesAreDisjoint() {
        TopologySnapshot t = GraphFixtures.parallel();

        for (Disjointness mode : Disjointness.values()) {
            DisjointPathPair pair = find(t, 1, 2, mode).orElseThrow();

            assertThat(pair.primary().links()).containsExactly(Link.of(1, 1, 2, 1));
            assertThat(pair.backup().links()).containsExactly(Link.of(1, 2, 2, 2));
        }
    }

    @Test
    void noPairOverABridgeOrAcrossComponents() {
        assertThat(find(TopologyFixtures.linear(3), 1, 3, Disjointness.LINK)).isEmpty();
        TopologySnapshot split = TopologyFixtures.builder().cable(1, 2).cable(3, 4).build();
        assertThat(find(split, 1, 4, Disjointness.LINK)).isEmpty();
        assertThat(find(split, 1, 99, Disjointness.NODE)).isEmpty();
    }

    @Test
    void sameSwitchGivesTwoEmptyPaths() {
        DisjointPathPair pair =
                find(TopologyFixtures.ring(3), 2, 2, Disjointness.NODE).orElseThrow();

        assertThat(pair.primary()).isEqualTo(Path.empty(Dpid.of(2)));
        assertThat(pair.backup()).isEqualTo(Path.empty(Dpid.of(2)));
    }

    @Test
    void fatTreeAcrossPodsHasNodeDisjointPair() {
        TopologySnapshot t = TopologyFixtures.fatTree(4);

        DisjointPathPair pair =
                DisjointPaths.find(
                                t,
                                LinkWeighers.HOP_COUNT,
                                fatTreeEdge(4, 0, 0),
                                fatTreeEdge(4, 2, 1),
                                Disjointness.NODE)
                        .orElseThrow();

        assertThat(pair.totalCost()).isEqualTo(8.0);
        assertNodeDisjoint(pair);
    }

    /** Compares with every pair of simple paths (from Yen) on seeded random graphs. */
    @Test
    void matchesBruteForceOnRandomGraphs() {
        Random random = new Random(42); // weights 0..4: zero-weight cables make ties
        int withPair = 0;
        for (int round = 0; round < 40; round++) {
            TopologyFixtures.Builder b = TopologyFixtures.builder();
            int n = 5 + random.nextInt(3);
            for (int i = 1; i <= n; i++) {
                b.addSwitch(i);
            }
            for (int i = 1; i <= n; i++) {
                for (int j = i + 1; j <= n; j++) {
                    if (random.nextInt(100) < 45) {
                        b.cable(i, j, random.nextInt(5));
                    }
                }
            }
            TopologySnapshot t = b.build();
            for (Disjointness mode : Disjointness.values()) {
                withPair += checkAgainstBruteForce(t, 1, n, mode) ? 1 : 0;
            }
        }
        // Both outcomes occur, so the comparison is not vacuous.
        assertThat(withPair).isBetween(10, 70);
    }

    private static boolean checkAgainstBruteForce(
            TopologySnapshot t, long src, long dst, Disjointness mode) {
        List<Path> all =
                KShortestPaths.find(
                        t, LinkWeighers.ADMIN_WEIGHT, Dpid.of(src), Dpid.of(dst), 100_000);
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                if (disjoint(all.get(i), all.get(j), mode)) {
                    best = Math.min(best, all.get(i).cost() + all.get(j).cost());
                }
            }
        }
        Optional<DisjointPathPair> pair = find(t, src, dst, mode);
        if (best == Double.POSITIVE_INFINITY) {
            assertThat(pair).as("%s %s", mode, t.links()).isEmpty();
            return false;
        }
        assertThat(pair).as("%s %s", mode, t.links()).isPresent();
        assertThat(pair.get().totalCost()).as("%s %s", mode, t.links()).isEqualTo(best);
        assertThat(disjoint(pair.get().primary(), pair.get().backup(), mode)).isTrue();
        assertThat(pair.get().primary().isLoopFree()).isTrue();
        assertThat(pair.get().backup().isLoopFree()).isTrue();
        return true;
    }

    private static boolean disjoint(Path a, Path b, Disjointness mode) {
        if (mode == Disjointness.NODE) {
            Set<Dpid> inner = new HashSet<>(a.switches().subList(1, a.hopCount()));
            return b.switches().subList(1, b.hopCount()).stream().noneMatch(inner::contains)
                    && !(a.hopCount() == 1 && a.equals(b));
        }
        Set<Link> cables = new HashSet<>();
        a.links().forEach(l -> cables.add(l));
        a.links().forEach(l -> cables.add(l.reverse()));
        return b.links().stream().noneMatch(cables::contains);
    }

    private static void assertNodeDisjoint(DisjointPathPair pair) {
        assertThat(disjoint(pair.primary(), pair.backup(), Disjointness.NODE)).isTrue();
    }
}
