package org.weft.net.topology.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.topology.LinkInfo;
import org.weft.net.topology.LinkWeigher;
import org.weft.net.topology.LinkWeighers;
import org.weft.net.topology.NextHops;
import org.weft.net.topology.Path;
import org.weft.net.topology.TopologySnapshot;
import org.weft.net.topology.impl.SnapshotPathService;

/**
 * Among equal-cost paths, which one the searches return: on random graphs full of ties (weights 1
 * to 3, parallel cables, one-way links, self-loops, unusable links) every answer is the one {@link
 * ReferenceSearch} gives, through the static finders and through the path service.
 */
class TieBreakingTest {

    private static final int GRAPHS = 40;

    @Test
    void shortestPathsFollowTheReferenceRule() {
        Random random = new Random(7);
        for (int g = 0; g < GRAPHS; g++) {
            TopologySnapshot t = randomGraph(random);
            SnapshotPathService service = new SnapshotPathService(() -> t);
            for (Dpid src : t.switches()) {
                for (Dpid dst : t.switches()) {
                    Optional<List<Link>> expected =
                            ReferenceSearch.path(
                                    t, LinkWeighers.ADMIN_WEIGHT, src, dst, Set.of(), Set.of());
                    Optional<List<Link>> found =
                            ShortestPaths.find(t, LinkWeighers.ADMIN_WEIGHT, src, dst)
                                    .map(Path::links);
                    assertThat(found).as("graph %s, %s -> %s", g, src, dst).isEqualTo(expected);
                    assertThat(
                                    service.getPath(src, dst, LinkWeighers.ADMIN_WEIGHT)
                                            .map(Path::links))
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void nextHopsAreTheLinksOnSomeShortestPath() {
        Random random = new Random(11);
        for (int g = 0; g < GRAPHS; g++) {
            TopologySnapshot t = randomGraph(random);
            PlanningGraph graph = PlanningGraph.of(t, LinkWeighers.ADMIN_WEIGHT);
            for (Dpid dst : t.switches()) {
                Map<Dpid, Double> dist =
                        ReferenceSearch.distancesTo(t, LinkWeighers.ADMIN_WEIGHT, dst);
                NextHops hops = graph.nextHops(dst);
                assertThat(hops.distances()).isEqualTo(dist);
                assertThat(List.copyOf(hops.distances().keySet())).isSorted();
                for (Dpid u : t.switches()) {
                    List<Link> expected = new ArrayList<>();
                    for (Link l : t.linksFrom(u).stream().sorted().toList()) {
                        double w = l.srcDpid().equals(l.dstDpid()) ? -1 : weight(t, l);
                        Double dv = dist.get(l.dstDpid());
                        if (!u.equals(dst)
                                && LinkWeigher.isUsable(w)
                                && dv != null
                                && EqualCostPaths.equal(w + dv, dist.getOrDefault(u, -1.0))) {
                            expected.add(l);
                        }
                    }
                    assertThat(hops.linksFrom(u))
                            .as("graph %s, %s to %s", g, u, dst)
                            .isEqualTo(expected);
                }
                assertThat(EqualCostPaths.nextHops(t, LinkWeighers.ADMIN_WEIGHT, dst))
                        .isEqualTo(hops);
            }
        }
    }

    @Test
    void spurSearchesAvoidBannedSwitchesAndLinksLikeTheReference() {
        Random random = new Random(13);
        for (int g = 0; g < GRAPHS; g++) {
            TopologySnapshot t = randomGraph(random);
            WeightedTopology w = WeightedTopology.of(t, LinkWeighers.ADMIN_WEIGHT);
            List<Dpid> switches = List.copyOf(t.switches());
            List<Link> links = List.copyOf(t.links());
            for (int q = 0; q < 50; q++) {
                Dpid src = switches.get(random.nextInt(switches.size()));
                Dpid dst = switches.get(random.nextInt(switches.size()));
                Set<Dpid> bannedSwitches = new HashSet<>();
                Set<Link> bannedLinks = new HashSet<>();
                for (int i = 0; i < 3; i++) {
                    Dpid s = switches.get(random.nextInt(switches.size()));
                    if (!s.equals(src)) {
                        bannedSwitches.add(s);
                    }
                    bannedLinks.add(links.get(random.nextInt(links.size())));
                }
                assertThat(Dijkstra.path(w, src, dst, bannedSwitches, bannedLinks))
                        .as("graph %s, %s -> %s", g, src, dst)
                        .isEqualTo(
                                ReferenceSearch.path(
                                        t,
                                        LinkWeighers.ADMIN_WEIGHT,
                                        src,
                                        dst,
                                        bannedSwitches,
                                        bannedLinks));
            }
        }
    }

    private static double weight(TopologySnapshot t, Link l) {
        return LinkWeighers.ADMIN_WEIGHT.weight(l, t.linkInfo(l).orElseThrow());
    }

    /** 4 to 12 switches with sparse DPIDs; cables, one-way links, self-loops, some unusable. */
    static TopologySnapshot randomGraph(Random random) {
        int n = 4 + random.nextInt(9);
        List<Dpid> switches = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            switches.add(Dpid.of(1 + i * 3L + random.nextInt(3)));
        }
        Map<Link, LinkInfo> links = new HashMap<>();
        int[] nextPort = new int[n];
        int count = n + random.nextInt(3 * n);
        for (int c = 0; c < count; c++) {
            int a = random.nextInt(n);
            int b = random.nextInt(n);
            Link l =
                    Link.of(
                            switches.get(a).value(), ++nextPort[a],
                            switches.get(b).value(), ++nextPort[b]);
            links.put(l, info(random));
            if (random.nextInt(4) != 0) {
                links.put(l.reverse(), info(random));
            }
        }
        return TopologySnapshot.of(1, Instant.EPOCH, Set.copyOf(switches), links);
    }

    private static LinkInfo info(Random random) {
        double weight = random.nextInt(12) == 0 ? Double.POSITIVE_INFINITY : 1 + random.nextInt(3);
        return LinkInfo.UNKNOWN.withAdminWeight(weight);
    }
}
