package org.weft.net.topology.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.weft.net.topology.TopologyFixtures.link;
import static org.weft.net.topology.TopologyFixtures.links;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.net.topology.LinkWeighers;
import org.weft.net.topology.Path;
import org.weft.net.topology.TopologyFixtures;
import org.weft.net.topology.TopologySnapshot;

class ShortestPathsTest {

    private static Optional<Path> find(TopologySnapshot t, long src, long dst) {
        return ShortestPaths.find(t, LinkWeighers.ADMIN_WEIGHT, Dpid.of(src), Dpid.of(dst));
    }

    @Test
    void linear() {
        TopologySnapshot t = TopologyFixtures.linear(4);

        Path p = find(t, 1, 4).orElseThrow();

        assertThat(p.links()).isEqualTo(links(t, 1, 2, 3, 4));
        assertThat(p.cost()).isEqualTo(3.0);
        assertThat(find(t, 4, 1).orElseThrow().links()).isEqualTo(links(t, 4, 3, 2, 1));
    }

    @Test
    void sameSwitchIsEmptyPath() {
        assertThat(find(TopologyFixtures.linear(2), 2, 2)).contains(Path.empty(Dpid.of(2)));
    }

    @Test
    void diamondTakesCheapestRouteAndBreaksTieTowardFewerSettledSteps() {
        TopologySnapshot t = GraphFixtures.diamond();

        Path p = find(t, 1, 4).orElseThrow();

        assertThat(p.links()).isEqualTo(links(t, 1, 3, 4));
        assertThat(p.cost()).isEqualTo(3.0);
        assertThat(find(t, 2, 4).orElseThrow().links()).isEqualTo(links(t, 2, 3, 4));
    }

    @Test
    void equalCostTieGoesToLowerDpid() {
        TopologySnapshot t = TopologyFixtures.ring(4);

        assertThat(find(t, 1, 3).orElseThrow().links()).isEqualTo(links(t, 1, 2, 3));
        assertThat(find(t, 3, 1).orElseThrow().links()).isEqualTo(links(t, 3, 2, 1));
    }

    @Test
    void noPathBetweenComponentsOrToUnknownSwitch() {
        TopologySnapshot t = TopologyFixtures.builder().cable(1, 2).cable(3, 4).build();

        assertThat(find(t, 1, 4)).isEmpty();
        assertThat(find(t, 1, 99)).isEmpty();
        assertThat(find(t, 99, 99)).isEmpty();
    }

    @Test
    void oneWayLinkOnlyCarriesItsDirection() {
        TopologySnapshot t = TopologyFixtures.builder().oneWay(1, 2, 1).build();

        assertThat(find(t, 1, 2)).isPresent();
        assertThat(find(t, 2, 1)).isEmpty();
    }

    @Test
    void unusableLinksAreAvoided() {
        TopologySnapshot t = TopologyFixtures.ring(4);

        Path p =
                ShortestPaths.find(
                                t,
                                LinkWeighers.excluding(
                                        LinkWeighers.HOP_COUNT, Set.of(link(t, 1, 2))),
                                Dpid.of(1),
                                Dpid.of(2))
                        .orElseThrow();

        assertThat(p.links()).isEqualTo(links(t, 1, 4, 3, 2));
        assertThat(ShortestPaths.find(t, (l, i) -> -1, Dpid.of(1), Dpid.of(2))).isEmpty();
    }
}
