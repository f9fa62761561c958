package org.weft.net.topology.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.weft.net.topology.TopologyFixtures.leaf;
import static org.weft.net.topology.TopologyFixtures.links;
import static org.weft.net.topology.TopologyFixtures.spine;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.net.topology.DisjointPathPair;
import org.weft.net.topology.Disjointness;
import org.weft.net.topology.LinkWeighers;
import org.weft.net.topology.Path;
import org.weft.net.topology.PathService;
import org.weft.net.topology.TopologyFixtures;
import org.weft.net.topology.TopologySnapshot;

class SnapshotPathServiceTest {

    private static final Dpid ONE = Dpid.of(1);
    private static final Dpid THREE = Dpid.of(3);
    private static final Dpid UNKNOWN = Dpid.of(99);

    private final AtomicReference<TopologySnapshot> current =
            new AtomicReference<>(TopologySnapshot.empty());
    private final PathService service = new SnapshotPathService(current::get);

    @Test
    void answersOverTheCurrentSnapshot() {
        assertThat(service.getPath(ONE, THREE, LinkWeighers.HOP_COUNT)).isEmpty();

        TopologySnapshot line = TopologyFixtures.linear(3);
        current.set(line);
        assertThat(service.getPath(ONE, THREE, LinkWeighers.HOP_COUNT).map(Path::links))
                .contains(links(line, 1, 2, 3));

        TopologySnapshot ring = TopologyFixtures.ring(3);
        current.set(ring);
        assertThat(service.getPath(ONE, THREE, LinkWeighers.HOP_COUNT).map(Path::links))
                .contains(links(ring, 1, 3));
    }

    @Test
    void emptyAnswersWhenThereIsNoRoute() {
        current.set(TopologyFixtures.builder().cable(1, 2).cable(3, 4).build());

        assertThat(service.getPath(ONE, THREE, LinkWeighers.HOP_COUNT)).isEmpty();
        assertThat(service.getKShortestPaths(ONE, THREE, LinkWeighers.HOP_COUNT, 3)).isEmpty();
        assertThat(service.getEqualCostPaths(ONE, THREE, LinkWeighers.HOP_COUNT)).isEmpty();
        assertThat(service.getDisjointPair(ONE, THREE, LinkWeighers.HOP_COUNT, Disjointness.LINK))
                .isEmpty();
        assertThat(service.getPath(ONE, UNKNOWN, LinkWeighers.HOP_COUNT)).isEmpty();
        assertThat(service.getNextHops(UNKNOWN, LinkWeighers.HOP_COUNT).distances()).isEmpty();
    }

    @Test
    void sameSwitchIsTheEmptyPath() {
        current.set(TopologyFixtures.linear(3));
        Path empty = Path.empty(ONE);

        assertThat(service.getPath(ONE, ONE, LinkWeighers.HOP_COUNT)).contains(empty);
        assertThat(service.getKShortestPaths(ONE, ONE, LinkWeighers.HOP_COUNT, 3))
                .containsExactly(empty);
        assertThat(service.getEqualCostPaths(ONE, ONE, LinkWeighers.HOP_COUNT))
                .containsExactly(empty);
        assertThat(service.getDisjointPair(ONE, ONE, LinkWeighers.HOP_COUNT, Disjointness.NODE))
                .contains(new DisjointPathPair(empty, empty));
    }

    @Test
    void leafSpineAnswers() {
        current.set(TopologyFixtures.leafSpine(3, 4));

        assertThat(service.getEqualCostPaths(leaf(0), leaf(3), LinkWeighers.HOP_COUNT))
                .extracting(p -> p.switches().get(1))
                .containsExactly(spine(0), spine(1), spine(2));
        assertThat(service.getKShortestPaths(leaf(0), leaf(3), LinkWeighers.HOP_COUNT, 4))
                .extracting(Path::cost)
                .containsExactly(2.0, 2.0, 2.0, 4.0);
        assertThat(
                        service.getDisjointPair(
                                        leaf(0), leaf(3), LinkWeighers.HOP_COUNT, Disjointness.NODE)
                                .map(DisjointPathPair::totalCost))
                .contains(4.0);
        assertThat(service.getNextHops(leaf(3), LinkWeighers.HOP_COUNT).linksFrom(leaf(1)))
                .hasSize(3);
    }
}
