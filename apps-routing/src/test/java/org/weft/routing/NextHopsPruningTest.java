package org.weft.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.topology.LinkInfo;
import org.weft.net.topology.LinkWeighers;
import org.weft.net.topology.NextHops;
import org.weft.net.topology.TopologyFixtures;
import org.weft.net.topology.TopologySnapshot;
import org.weft.net.topology.graph.PlanningGraph;

/**
 * Next hops pruned of lost links equal a new search whenever pruning answers, and pruning declines
 * when a lost link was a switch's only next hop.
 */
class NextHopsPruningTest {

    private static final TopologySnapshot FULL = TopologyFixtures.fatTree(4);

    private static NextHops search(TopologySnapshot topo, Dpid dst) {
        return new PlanningGraph(topo, LinkWeighers.HOP_COUNT).nextHops(dst);
    }

    private static TopologySnapshot without(Set<Link> lost) {
        Map<Link, LinkInfo> links = new HashMap<>(FULL.linkInfos());
        links.keySet().removeAll(lost);
        return FULL.next(Instant.now(), FULL.switches(), links);
    }

    @Test
    void everyCableCutPrunedEqualsANewSearchOrDeclines() {
        int pruned = 0;
        int declined = 0;
        for (Dpid dst : FULL.switches()) {
            NextHops before = search(FULL, dst);
            for (Link l : FULL.links()) {
                Set<Link> cable = Set.of(l, l.reverse());
                NextHopsPruning.Pruned p = NextHopsPruning.without(before, cable);
                NextHops after = search(without(cable), dst);
                if (p == null) {
                    declined++;
                    continue;
                }
                pruned++;
                assertThat(p.hops()).as("%s toward %s", l, dst).isEqualTo(after);
                for (Dpid s : FULL.switches()) {
                    boolean differs = !before.linksFrom(s).equals(after.linksFrom(s));
                    assertThat(p.changed().contains(s)).as("%s changed", s).isEqualTo(differs);
                }
            }
        }
        assertThat(pruned).isPositive();
        assertThat(declined).isPositive();
    }

    @Test
    void losingAnEdgeSwitchsOneUplinkOfTwoChangesOnlyThatSwitch() {
        Dpid edge = TopologyFixtures.fatTreeEdge(4, 0, 0);
        Dpid far = TopologyFixtures.fatTreeEdge(4, 3, 1);
        NextHops before = search(FULL, far);
        Link up = before.linksFrom(edge).get(0);
        NextHopsPruning.Pruned p = NextHopsPruning.without(before, Set.of(up, up.reverse()));
        assertThat(p).isNotNull();
        assertThat(p.changed()).containsExactly(edge);
        assertThat(p.hops().linksFrom(edge)).hasSize(1).doesNotContain(up);
        assertThat(p.hops().distances()).isSameAs(before.distances());
    }

    @Test
    void losingACoresOnlyWayDownIsLeftToASearch() {
        Dpid far = TopologyFixtures.fatTreeEdge(4, 3, 1);
        NextHops before = search(FULL, far);
        Link down = before.linksFrom(TopologyFixtures.fatTreeCore(0)).get(0);
        assertThat(before.linksFrom(TopologyFixtures.fatTreeCore(0))).hasSize(1);
        assertThat(NextHopsPruning.without(before, Set.of(down, down.reverse()))).isNull();
    }

    @Test
    void linksThatWereNoNextHopKeepTheSameNextHops() {
        Dpid far = TopologyFixtures.fatTreeEdge(4, 3, 1);
        NextHops before = search(FULL, far);
        Link notUsed =
                FULL.links().stream()
                        .filter(l -> !before.linksFrom(l.srcDpid()).contains(l))
                        .findFirst()
                        .orElseThrow();
        NextHopsPruning.Pruned p = NextHopsPruning.without(before, Set.of(notUsed));
        assertThat(p.hops()).isSameAs(before);
        assertThat(p.changed()).isEmpty();
    }
}
