package org.weft.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.flow.Group;
import org.weft.net.routing.RoutingMetric;
import org.weft.net.testing.FakeDeviceService;
import org.weft.net.topology.LinkInfo;
import org.weft.net.topology.TopologyFixtures;
import org.weft.net.topology.TopologySnapshot;

class PlanContextsTest {

    private final TopologySnapshot ring = TopologyFixtures.ring(4);
    private final Link link = ring.links().iterator().next();
    private final PlanContexts contexts = new PlanContexts(new FakeDeviceService(), null);

    private TopologySnapshot with(LinkInfo info, long version) {
        Map<Link, LinkInfo> infos = new HashMap<>(ring.linkInfos());
        infos.put(link, info);
        return TopologySnapshot.of(version, Instant.EPOCH, ring.switches(), infos);
    }

    @Test
    void underHopCountALatencyChangeKeepsTheContextALoadChangeReplacesIt() {
        LinkInfo info = ring.linkInfo(link).orElseThrow();
        PlanContext first = contexts.current(ring, RoutingMetric.HOP_COUNT);
        TopologySnapshot latency =
                ring.next(
                        Instant.EPOCH,
                        ring.switches(),
                        with(info.withLatencyNanos(5_000), 2).linkInfos());
        assertThat(contexts.current(latency, RoutingMetric.HOP_COUNT)).isSameAs(first);
        assertThat(contexts.current(latency, RoutingMetric.HOP_COUNT)).isSameAs(first);

        TopologySnapshot loaded =
                ring.next(
                        Instant.EPOCH,
                        ring.switches(),
                        with(info.withUtilisation(0.5), 3).linkInfos());
        PlanContext second = contexts.current(loaded, RoutingMetric.HOP_COUNT);
        assertThat(second).isNotSameAs(first);
        assertThat(second.topology()).isSameAs(loaded);
    }

    /** A new context reuses the last one's bucket lists, so rebuilt groups compare by identity. */
    @Test
    void aNewContextSharesTheLastOnesSelectBuckets() {
        LinkInfo info = ring.linkInfo(link).orElseThrow();
        PlanContext first = contexts.current(ring, RoutingMetric.HOP_COUNT);
        List<Link> next = List.of(link);
        List<Group.Bucket> built =
                first.selectBuckets(next, 3, () -> List.of(new Group.Bucket(1, null, List.of())));
        PlanContext second =
                contexts.current(
                        ring.next(
                                Instant.EPOCH,
                                ring.switches(),
                                with(info.withUtilisation(0.5), 3).linkInfos()),
                        RoutingMetric.HOP_COUNT);
        assertThat(second).isNotSameAs(first);
        assertThat(
                        second.selectBuckets(
                                new ArrayList<>(next),
                                3,
                                () -> {
                                    throw new AssertionError("built again");
                                }))
                .isSameAs(built);
        assertThat(second.selectBuckets(next, 4, List::of)).isNotSameAs(built).isEmpty();
    }

    /** A switch's select group is found again for the same next hops and layout, and only then. */
    @Test
    void aSelectGroupIsReusedForTheSameNextHopsAndLayoutOnly() {
        PlanContext ctx = contexts.current(ring, RoutingMetric.HOP_COUNT);
        Dpid s = link.srcDpid();
        List<Link> next = List.of(link);
        Supplier<List<Group.Bucket>> notAgain =
                () -> {
                    throw new AssertionError("built again");
                };

        Group three =
                ctx.selectGroup(s, next, 3, () -> List.of(new Group.Bucket(1, null, List.of())));
        assertThat(ctx.selectGroup(s, next, 3, notAgain)).isSameAs(three);
        assertThat(ctx.selectGroup(s, new ArrayList<>(next), 3, notAgain)).isSameAs(three);
        Group four =
                ctx.selectGroup(s, next, 4, () -> List.of(new Group.Bucket(2, null, List.of())));
        assertThat(four.buckets()).isNotEqualTo(three.buckets());
        assertThat(ctx.selectGroup(s, next, 3, notAgain)).isSameAs(three);
        assertThat(ctx.selectGroup(s, next, 4, notAgain)).isSameAs(four);
    }
}
