package org.weft.net.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.weft.net.Link;

class LinkDiffTest {

    @Test
    void namesTheLinksAddedAndRemoved() {
        TopologySnapshot ring = TopologyFixtures.ring(4);
        Link cut = TopologyFixtures.link(ring, 1, 2);
        Map<Link, LinkInfo> links = new HashMap<>(ring.linkInfos());
        links.remove(cut);
        links.remove(cut.reverse());
        TopologySnapshot less = ring.next(Instant.now(), ring.switches(), links);

        LinkDiff lost = LinkDiff.between(ring, less);
        assertThat(lost.removed()).containsExactlyInAnyOrder(cut, cut.reverse());
        assertThat(lost.added()).isEmpty();
        LinkDiff back = LinkDiff.between(less, ring);
        assertThat(back.added()).isEqualTo(Set.of(cut, cut.reverse()));
        assertThat(back.removed()).isEmpty();
        assertThat(LinkDiff.between(ring, ring).isEmpty()).isTrue();
        assertThat(lost.isEmpty()).isFalse();
        assertThat(lost.updated()).isEmpty();
        assertThat(back.updated()).isEmpty();
    }

    @Test
    void namesTheLinksWhoseAttributesChanged() {
        TopologySnapshot ring = TopologyFixtures.ring(5);
        Link slower = TopologyFixtures.link(ring, 2, 3);
        Link cut = TopologyFixtures.link(ring, 4, 5);
        Map<Link, LinkInfo> links = new HashMap<>(ring.linkInfos());
        links.put(slower, links.get(slower).withLatencyNanos(7_000_000L));
        links.remove(cut);
        TopologySnapshot next = ring.next(Instant.now(), ring.switches(), links);

        LinkDiff diff = LinkDiff.between(ring, next);
        assertThat(diff.updated()).containsExactly(slower);
        assertThat(diff.removed()).containsExactly(cut);
        assertThat(diff.added()).isEmpty();
        LinkDiff back = LinkDiff.between(next, ring);
        assertThat(back.updated()).containsExactly(slower);
        assertThat(back.added()).containsExactly(cut);
        // Asked whether links weigh the same under hop count: none does not.
        LinkDiff byHops =
                LinkDiff.between(
                        ring,
                        next,
                        (l, a, b) ->
                                LinkWeighers.HOP_COUNT.weight(l, a)
                                        == LinkWeighers.HOP_COUNT.weight(l, b));
        assertThat(byHops.updated()).isEmpty();
        assertThat(byHops.removed()).containsExactly(cut);
    }
}
