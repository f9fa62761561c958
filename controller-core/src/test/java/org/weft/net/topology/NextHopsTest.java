package org.weft.net.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.topology.graph.PlanningGraph;

/** Next hops derived with some switches' lists replaced read and compare as if built whole. */
class NextHopsTest {

    private static final TopologySnapshot FAT = TopologyFixtures.fatTree(4);
    private static final Dpid EDGE = TopologyFixtures.fatTreeEdge(4, 0, 0);
    private static final Dpid FAR = TopologyFixtures.fatTreeEdge(4, 3, 1);

    private final PlanningGraph graph = new PlanningGraph(FAT, LinkWeighers.HOP_COUNT);
    private final NextHops hops = graph.nextHops(FAR);

    @Test
    void aReplacedSwitchReadsItsNewListAndTheOthersTheirOld() {
        Link kept = hops.linksFrom(EDGE).get(1);
        NextHops derived = hops.withLinksFrom(Map.of(EDGE, List.of(kept)));

        assertThat(derived.linksFrom(EDGE)).containsExactly(kept);
        for (Dpid s : FAT.switches()) {
            if (!s.equals(EDGE)) {
                assertThat(derived.linksFrom(s)).isEqualTo(hops.linksFrom(s));
            }
        }
        assertThat(derived.distances()).isSameAs(hops.distances());
        assertThat(derived.links().get(EDGE)).containsExactly(kept);
        assertThat(derived.links().size()).isEqualTo(hops.links().size() - 1);
        assertThat(derived).isNotEqualTo(hops);
    }

    @Test
    void replacingWithTheSameListsGivesAnEqualValue() {
        NextHops same = hops.withLinksFrom(Map.of(EDGE, hops.linksFrom(EDGE)));
        assertThat(same).isEqualTo(hops).hasSameHashCodeAs(hops);
    }

    @Test
    void replacementsAccumulateOverDerivations() {
        Dpid other = TopologyFixtures.fatTreeEdge(4, 1, 0);
        NextHops once = hops.withLinksFrom(Map.of(EDGE, List.of(hops.linksFrom(EDGE).get(0))));
        NextHops twice = once.withLinksFrom(Map.of(other, List.of(hops.linksFrom(other).get(1))));
        assertThat(twice.linksFrom(EDGE)).containsExactly(hops.linksFrom(EDGE).get(0));
        assertThat(twice.linksFrom(other)).containsExactly(hops.linksFrom(other).get(1));
    }

    @Test
    void overTheSameGraphOnlyTheReplacedSwitchChanged() {
        NextHops again = graph.nextHops(FAR);
        NextHops derived = hops.withLinksFrom(Map.of(EDGE, List.of(hops.linksFrom(EDGE).get(1))));

        assertThat(again.switchesChangedFrom(hops)).isEmpty();
        assertThat(derived.switchesChangedFrom(hops)).containsExactly(EDGE);
        assertThat(hops.switchesChangedFrom(derived)).containsExactly(EDGE);
    }

    @Test
    void acrossSnapshotsTheSwitchesWhoseDistanceOrNextHopsMovedChanged() {
        // Both of the far edge switch's uplinks but one cut: switches that reached it over the
        // others now go round, and the far pod's other aggregation switches get farther.
        Map<Link, LinkInfo> kept = new HashMap<>(FAT.linkInfos());
        Link only = hops.linksFrom(TopologyFixtures.fatTreeAgg(4, 3, 0)).get(0);
        for (Link l : FAT.links()) {
            if (l.dstDpid().equals(FAR) && !l.equals(only)
                    || l.srcDpid().equals(FAR) && !l.equals(only.reverse())) {
                kept.remove(l);
            }
        }
        TopologySnapshot cut = TopologySnapshot.of(2, Instant.EPOCH, FAT.switches(), kept);
        NextHops after = new PlanningGraph(cut, LinkWeighers.HOP_COUNT).nextHops(FAR);
        Set<Dpid> expected = new HashSet<>();
        for (Dpid s : FAT.switches()) {
            if (!hops.distance(s).equals(after.distance(s))
                    || !hops.linksFrom(s).equals(after.linksFrom(s))) {
                expected.add(s);
            }
        }
        NextHops asMaps = new NextHops(FAR, hops.distances(), hops.links());

        assertThat(expected).contains(TopologyFixtures.fatTreeAgg(4, 3, 1)).hasSizeLessThan(20);
        assertThat(after.switchesChangedFrom(hops)).isEqualTo(expected);
        assertThat(after.switchesChangedFrom(asMaps)).isEqualTo(expected);
        assertThat(asMaps.switchesChangedFrom(hops)).isEmpty();
    }
}
