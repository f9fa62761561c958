package org.weft.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.weft.net.Link;
import org.weft.net.link.LinkEvent;
import org.weft.net.routing.RouteChange;
import org.weft.net.routing.RoutingMetric;
import org.weft.net.topology.LinkInfo;
import org.weft.net.topology.TopologyEvent;
import org.weft.net.topology.TopologyFixtures;
import org.weft.net.topology.TopologySnapshot;
import org.weft.time.VirtualTime;

/** What failover asks routing to re-plan on topology changes, on virtual time. */
class TopologyReactionsTest {

    private static final long HOLD = 2_000_000_000L;
    private static final long WALL_MILLIS = 1_700_000_000_000L;

    private final TopologySnapshot ring = TopologyFixtures.ring(4);
    private final Link link = ring.links().iterator().next();
    private final FakeRouting routing = new FakeRouting();
    private final VirtualTime time = new VirtualTime(Instant.ofEpochMilli(WALL_MILLIS));
    private final long origin = time.nanos();

    /** The app's thread is the test's: the hold-down's expiry runs inside {@link #advance}. */
    private final TopologyReactions reactions =
            new TopologyReactions(routing, Runnable::run, HOLD, time);

    private void advance(long nanos) {
        time.advance(Duration.ofNanos(nanos));
    }

    /** Nanoseconds since the test began. */
    private long elapsed() {
        return time.nanos() - origin;
    }

    private TopologyEvent lost(Link l) {
        LinkEvent e =
                new LinkEvent(
                        LinkEvent.Type.REMOVED,
                        l,
                        ring.linkInfo(l).orElseThrow(),
                        LinkEvent.Reason.PORT_DOWN,
                        WALL_MILLIS);
        return new TopologyEvent(
                ring, Set.of(), Set.of(), Set.of(), Set.of(l), Set.of(), List.of(e));
    }

    private TopologyEvent recovered(Link l) {
        return new TopologyEvent(
                ring, Set.of(), Set.of(), Set.of(l), Set.of(), Set.of(), List.of());
    }

    private TopologyEvent updated(Link l) {
        return new TopologyEvent(
                ring, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(l), List.of());
    }

    private List<String> asked() {
        return routing.drain().stream().map(FakeRouting.Call::what).toList();
    }

    /** A latency sample batched with a loss must not make the loss look older than it is. */
    @Test
    void detectionTimeIsTheEarliestLossNotTheEarliestEvent() {
        LinkInfo info = ring.linkInfo(link).orElseThrow();
        LinkEvent sample =
                new LinkEvent(LinkEvent.Type.UPDATED, link, info, LinkEvent.Reason.MEASURED, 1_000);
        LinkEvent loss =
                new LinkEvent(
                        LinkEvent.Type.REMOVED, link, info, LinkEvent.Reason.PORT_DOWN, 1_050);
        TopologyEvent e =
                new TopologyEvent(
                        ring,
                        Set.of(),
                        Set.of(),
                        Set.of(),
                        Set.of(link),
                        Set.of(),
                        List.of(sample, loss));

        assertThat(TopologyReactions.detectedAt(e))
                .isEqualTo(loss.timeMillis())
                .isGreaterThan(sample.timeMillis());
    }

    @Test
    void aLossIsRestoredAtOnceBeforeTheFloodTreeAndWithoutAHoldDown() {
        advance(5_000);
        reactions.onTopology(lost(link));

        List<FakeRouting.Call> calls = routing.drain();
        assertThat(calls).extracting(FakeRouting.Call::what).containsExactly("restore", "flood");
        assertThat(calls.get(0).links()).containsExactly(link);
        assertThat(calls.get(0).millis()).isEqualTo(WALL_MILLIS);
        assertThat(calls.get(0).nanos())
                .as("received at, on the injected source")
                .isEqualTo(origin + 5_000);
        assertThat(reactions.isHoldingDown()).isFalse();
        assertThat(time.pendingTasks()).isZero();
    }

    @Test
    void aRecoveryIsReoptimisedOnlyAfterTheHoldDown() {
        reactions.onTopology(recovered(link));
        assertThat(asked()).containsExactly("flood");

        advance(HOLD - 1);
        assertThat(asked()).isEmpty();
        assertThat(reactions.isHoldingDown()).isTrue();

        advance(1);
        List<FakeRouting.Call> calls = routing.drain();
        assertThat(calls)
                .singleElement()
                .satisfies(
                        c -> {
                            assertThat(c.what()).isEqualTo("reoptimize");
                            assertThat(c.cause()).isEqualTo(RouteChange.Cause.RECOVERY);
                            assertThat(c.nanos()).isEqualTo(origin + HOLD);
                            assertThat(c.millis()).isEqualTo(WALL_MILLIS + HOLD / 1_000_000);
                        });
        assertThat(reactions.isHoldingDown()).isFalse();
    }

    @Test
    void aFlappingLinkIsReoptimisedOnceWithinTheBound() {
        long bound = FailoverConfig.MAX_HOLD_DOWNS * HOLD;
        int flaps = 0;
        // Down and up every half hold-down for ten hold-downs.
        for (long t = 0; t < 10 * HOLD; t += HOLD / 2) {
            reactions.onTopology(lost(link));
            reactions.onTopology(recovered(link));
            flaps++;
            advance(HOLD / 2);
            List<String> asked = asked();
            long reoptimised = asked.stream().filter("reoptimize"::equals).count();
            if (elapsed() < bound) {
                assertThat(reoptimised).as("at %d ns, before the bound", elapsed()).isZero();
            } else if (elapsed() == bound) {
                assertThat(reoptimised).as("at the bound").isEqualTo(1);
            }
            assertThat(asked).as("every loss is restored").contains("restore");
        }
        assertThat(flaps).isEqualTo(20);
    }

    @Test
    void attributeChangesMatterOnlyUnderAMetricThatReadsThem() {
        reactions.onTopology(updated(link));
        advance(10 * HOLD);
        assertThat(asked()).as("hop count ignores latency and weights").isEmpty();

        routing.metric = RoutingMetric.LATENCY;
        reactions.onTopology(updated(link));
        assertThat(asked()).isEmpty();
        advance(HOLD);
        assertThat(routing.drain())
                .singleElement()
                .extracting(FakeRouting.Call::cause)
                .isEqualTo(RouteChange.Cause.REOPTIMIZE);
    }

    @Test
    void aLoadChangeMattersUnderHopCountToo() {
        LinkInfo loaded = ring.linkInfo(link).orElseThrow().withUtilisation(0.6);
        LinkEvent load =
                new LinkEvent(LinkEvent.Type.UPDATED, link, loaded, LinkEvent.Reason.LOAD, 1_000);
        reactions.onTopology(
                new TopologyEvent(
                        ring, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(link), List.of(load)));
        assertThat(asked()).isEmpty();
        advance(HOLD);
        assertThat(routing.drain())
                .as("select groups' bucket weights follow residual capacity")
                .singleElement()
                .extracting(FakeRouting.Call::cause)
                .isEqualTo(RouteChange.Cause.REOPTIMIZE);
    }
}
