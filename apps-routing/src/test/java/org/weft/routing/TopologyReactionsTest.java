package org.weft.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.weft.net.Link;
import org.weft.net.link.LinkEvent;
import org.weft.net.topology.LinkInfo;
import org.weft.net.topology.TopologyEvent;
import org.weft.net.topology.TopologyFixtures;
import org.weft.net.topology.TopologySnapshot;

class TopologyReactionsTest {

    /** A latency sample batched with a loss must not make the loss look older than it is. */
    @Test
    void detectionTimeIsTheEarliestLossNotTheEarliestEvent() throws Exception {
        TopologySnapshot ring = TopologyFixtures.ring(4);
        Link l = ring.links().iterator().next();
        LinkInfo info = ring.linkInfo(l).orElseThrow();
        LinkEvent sample =
                new LinkEvent(LinkEvent.Type.UPDATED, l, info, LinkEvent.Reason.MEASURED, 1_000);
        LinkEvent lost =
                new LinkEvent(LinkEvent.Type.REMOVED, l, info, LinkEvent.Reason.PORT_DOWN, 1_050);
        TopologyEvent e =
                new TopologyEvent(
                        ring,
                        Set.of(),
                        Set.of(),
                        Set.of(),
                        Set.of(l),
                        Set.of(),
                        List.of(sample, lost));

        assertThat(TopologyReactions.detectedAt(e))
                .isEqualTo(lost.timeMillis())
                .isGreaterThan(sample.timeMillis());
    }
}
