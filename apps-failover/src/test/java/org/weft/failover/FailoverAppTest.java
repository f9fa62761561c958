package org.weft.failover;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.MoreExecutors;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.weft.net.Link;
import org.weft.net.failover.FailoverEvent;
import org.weft.net.routing.RouteChange;
import org.weft.net.routing.RouteChangeListener;
import org.weft.net.routing.RoutingMetric;
import org.weft.net.routing.RoutingService;

class FailoverAppTest {

    /** A routing service that only keeps its route-change listeners. */
    static final class FakeRouting implements RoutingService {
        final List<RouteChangeListener> listeners = new ArrayList<>();

        @Override
        public RoutingMetric metric() {
            return RoutingMetric.HOP_COUNT;
        }

        @Override
        public CompletableFuture<Void> setMetric(RoutingMetric metric) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public int routedHostCount() {
            return 0;
        }

        @Override
        public void addRouteChangeListener(RouteChangeListener l) {
            listeners.add(l);
        }

        @Override
        public void removeRouteChangeListener(RouteChangeListener l) {
            listeners.remove(l);
        }

        void fire(RouteChange c) {
            listeners.forEach(l -> l.event(c));
        }
    }

    private static RouteChange loss(long reactionNanos, int flows) {
        return new RouteChange(
                RouteChange.Cause.LOSS,
                Set.of(Link.of(1, 1, 2, 1)),
                Set.of(),
                1_000,
                1_012,
                reactionNanos,
                3,
                flows);
    }

    @Test
    void lossesAndRecoveriesBecomeEventsWithTimingsAndCounters() {
        FakeRouting routing = new FakeRouting();
        FailoverApp app = new FailoverApp(routing, MoreExecutors.directExecutor()).start();
        List<FailoverEvent> seen = new ArrayList<>();
        app.addListener(seen::add);

        routing.fire(loss(5_000_000, 7));
        routing.fire(loss(9_000_000, 4));
        routing.fire(
                new RouteChange(
                        RouteChange.Cause.RECOVERY,
                        Set.of(),
                        Set.of(),
                        2_000,
                        2_100,
                        1_000_000,
                        3,
                        6));

        assertThat(seen)
                .extracting(FailoverEvent::type)
                .containsExactly(
                        FailoverEvent.Type.REROUTED,
                        FailoverEvent.Type.REROUTED,
                        FailoverEvent.Type.RECOVERED);
        assertThat(seen.get(0).healingMillis()).isEqualTo(12);
        assertThat(app.stats().reroutes()).isEqualTo(2);
        assertThat(app.stats().recoveries()).isEqualTo(1);
        assertThat(app.stats().flowChanges()).isEqualTo(17);
        assertThat(app.stats().lastReactionNanos()).isEqualTo(9_000_000);
        assertThat(app.stats().maxReactionNanos()).isEqualTo(9_000_000);
        assertThat(app.recentEvents()).hasSize(3);

        app.close();
        routing.fire(loss(1, 1));
        assertThat(seen).hasSize(3);
    }

    @Test
    void historyIsBounded() {
        FakeRouting routing = new FakeRouting();
        FailoverApp app = new FailoverApp(routing, MoreExecutors.directExecutor()).start();
        for (int i = 0; i < FailoverApp.HISTORY + 20; i++) {
            routing.fire(loss(i, 1));
        }
        assertThat(app.recentEvents()).hasSize(FailoverApp.HISTORY);
        assertThat(app.stats().reroutes()).isEqualTo(FailoverApp.HISTORY + 20);
    }
}
