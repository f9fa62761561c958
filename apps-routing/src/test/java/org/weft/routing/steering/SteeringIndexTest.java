package org.weft.routing.steering;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.topology.TopologyFixtures;
import org.weft.net.topology.TopologySnapshot;

class SteeringIndexTest {

    private final TopologySnapshot ring = TopologyFixtures.ring(5);
    private final SteeringIndex index = new SteeringIndex();

    private static Dpid d(long v) {
        return Dpid.of(v);
    }

    private Link link(long a, long b) {
        return ring.linksFrom(d(a)).stream()
                .filter(l -> l.dstDpid().equals(d(b)))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aLostLinkOrSwitchFindsExactlyTheRulesWhosePathUsedIt() {
        index.put(1, List.of(d(1), d(2), d(3)));
        index.put(2, List.of(d(3), d(4)));
        index.put(3, List.of(d(1), d(5), d(4)));

        assertThat(index.using(Set.of(link(2, 3)), Set.of())).containsExactly(1L);
        assertThat(index.using(Set.of(link(3, 2)), Set.of())).as("either way").containsExactly(1L);
        assertThat(index.using(Set.of(link(4, 5)), Set.of())).containsExactly(3L);
        assertThat(index.using(Set.of(link(2, 3), link(3, 4)), Set.of())).containsExactly(1L, 2L);
        assertThat(index.using(Set.of(), Set.of(d(4)))).containsExactly(2L, 3L);
    }

    @Test
    void bothEndsOnAPathButNotNextToEachOtherIsNotUsingTheLink() {
        index.put(1, List.of(d(2), d(1), d(5), d(4), d(3)));
        assertThat(index.using(Set.of(link(2, 3)), Set.of())).isEmpty();
        assertThat(index.using(Set.of(link(5, 4)), Set.of())).containsExactly(1L);
    }

    @Test
    void aReplanOrRemovalMovesTheRule() {
        index.put(1, List.of(d(1), d(2), d(3)));
        index.put(1, List.of(d(1), d(5), d(4), d(3)));
        assertThat(index.using(Set.of(link(1, 2)), Set.of())).isEmpty();
        assertThat(index.using(Set.of(link(5, 4)), Set.of())).containsExactly(1L);

        index.put(1, List.of());
        assertThat(index.using(Set.of(link(5, 4)), Set.of(d(1)))).isEmpty();
        index.put(2, List.of(d(2), d(3)));
        index.remove(2);
        assertThat(index.using(Set.of(link(2, 3)), Set.of(d(2)))).isEmpty();
    }
}
