package org.weft.net.topology.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.topology.LinkInfo;
import org.weft.net.topology.LinkWeigher;
import org.weft.net.topology.LinkWeighers;
import org.weft.net.topology.TopologySnapshot;

/** The weighted view: its rows of arcs, and one view kept per snapshot and weigher. */
class WeightedTopologyTest {

    @Test
    void rowsHoldEachSwitchsUsableLinksInAscendingOrder() {
        Random random = new Random(5);
        for (int g = 0; g < 20; g++) {
            TopologySnapshot t = TieBreakingTest.randomGraph(random);
            WeightedTopology w = new WeightedTopology(t, LinkWeighers.ADMIN_WEIGHT);
            for (boolean backward : new boolean[] {false, true}) {
                WeightedTopology.Arcs arcs = w.arcs(backward);
                for (Dpid dpid : t.switches()) {
                    int n = w.index(dpid);
                    List<Link> row = new ArrayList<>();
                    for (int a = arcs.start()[n]; a < arcs.start()[n + 1]; a++) {
                        Link l = w.link(arcs.link()[a]);
                        row.add(l);
                        Dpid far = backward ? l.srcDpid() : l.dstDpid();
                        assertThat(w.nodes()[arcs.far()[a]]).isEqualTo(far);
                        assertThat(arcs.weight()[a]).isEqualTo(weight(t, l));
                    }
                    List<Link> expected =
                            (backward ? t.linksTo(dpid) : t.linksFrom(dpid))
                                    .stream()
                                            .filter(l -> !l.srcDpid().equals(l.dstDpid()))
                                            .filter(l -> LinkWeigher.isUsable(weight(t, l)))
                                            .sorted()
                                            .toList();
                    assertThat(row).isEqualTo(expected);
                }
            }
            assertThat(w.links()).isSorted();
        }
    }

    @Test
    void oneViewPerSnapshotAndWeigher() {
        TopologySnapshot t =
                TopologySnapshot.of(
                        1,
                        Instant.EPOCH,
                        Set.of(Dpid.of(1), Dpid.of(2)),
                        Map.of(Link.of(1, 1, 2, 1), LinkInfo.UNKNOWN));
        WeightedTopology hops = WeightedTopology.of(t, LinkWeighers.HOP_COUNT);
        assertThat(WeightedTopology.of(t, LinkWeighers.HOP_COUNT)).isSameAs(hops);
        assertThat(WeightedTopology.of(t, LinkWeighers.LATENCY)).isNotSameAs(hops);
        TopologySnapshot next = t.next(Instant.EPOCH, t.switches(), t.linkInfos());
        assertThat(WeightedTopology.of(next, LinkWeighers.HOP_COUNT)).isNotSameAs(hops);
        assertThat(WeightedTopology.of(t, LinkWeighers.LATENCY).weight(Link.of(1, 1, 2, 1)))
                .isEqualTo(LinkWeighers.UNKNOWN_LATENCY_NANOS / 1_000.0);
    }

    private static double weight(TopologySnapshot t, Link l) {
        return LinkWeighers.ADMIN_WEIGHT.weight(l, t.linkInfo(l).orElseThrow());
    }
}
