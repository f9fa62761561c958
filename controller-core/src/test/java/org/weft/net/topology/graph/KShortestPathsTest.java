package org.weft.net.topology.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.weft.net.topology.TopologyFixtures.fatTreeEdge;
import static org.weft.net.topology.TopologyFixtures.links;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.net.topology.LinkWeighers;
import org.weft.net.topology.Path;
import org.weft.net.topology.TopologyFixtures;
import org.weft.net.topology.TopologySnapshot;

class KShortestPathsTest {

    private static List<Path> find(TopologySnapshot t, long src, long dst, int k) {
        return KShortestPaths.find(t, LinkWeighers.ADMIN_WEIGHT, Dpid.of(src), Dpid.of(dst), k);
    }

    @Test
    void diamondListsEverySimplePathInCostOrder() {
        TopologySnapshot t = GraphFixtures.diamond();

        List<Path> paths = find(t, 1, 4, 10);

        assertThat(paths)
                .extracting(Path::links)
                .containsExactly(
                        links(t, 1, 3, 4),
                        links(t, 1, 2, 3, 4),
                        links(t, 1, 2, 4),
                        links(t, 1, 3, 2, 4));
        assertThat(paths).extracting(Path::cost).containsExactly(3.0, 3.0, 5.0, 7.0);
    }

    @Test
    void stopsAtK() {
        assertThat(find(GraphFixtures.diamond(), 1, 4, 2)).hasSize(2);
        assertThat(find(GraphFixtures.diamond(), 1, 4, 0)).isEmpty();
    }

    @Test
    void ringHasTwoPaths() {
        TopologySnapshot t = TopologyFixtures.ring(6);

        List<Path> paths = find(t, 1, 3, 5);

        assertThat(paths)
                .extracting(Path::links)
                .containsExactly(links(t, 1, 2, 3), links(t, 1, 6, 5, 4, 3));
    }

    @Test
    void fatTreePathsAreLoopFreeDistinctAndAscending() {
        TopologySnapshot t = TopologyFixtures.fatTree(4);

        List<Path> paths =
                KShortestPaths.find(
                        t, LinkWeighers.HOP_COUNT, fatTreeEdge(4, 0, 0), fatTreeEdge(4, 3, 1), 12);

        assertThat(paths).hasSize(12).allMatch(Path::isLoopFree).doesNotHaveDuplicates();
        assertThat(paths)
                .extracting(Path::cost)
                .containsExactly(4.0, 4.0, 4.0, 4.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0);
        assertThat(paths).isSortedAccordingTo(PathOrder.ORDER);
    }

    @Test
    void noPathsWhenDisconnectedAndEmptyPathForSameSwitch() {
        TopologySnapshot t = TopologyFixtures.builder().cable(1, 2).cable(3, 4).build();

        assertThat(find(t, 1, 3, 3)).isEmpty();
        assertThat(find(t, 1, 1, 3)).containsExactly(Path.empty(Dpid.of(1)));
    }
}
