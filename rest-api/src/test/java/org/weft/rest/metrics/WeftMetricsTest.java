package org.weft.rest.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.weft.net.routing.ParkedFrameCounts;
import org.weft.net.routing.RouteChangeListener;
import org.weft.net.routing.RoutingMetric;
import org.weft.net.routing.RoutingService;

class WeftMetricsTest {

    private final WeftMetrics metrics = new WeftMetrics();

    /** A routing service whose parked-frame counts the test sets. */
    private static final class FakeRouting implements RoutingService {
        final AtomicReference<ParkedFrameCounts> parked =
                new AtomicReference<>(ParkedFrameCounts.NONE);

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
        public ParkedFrameCounts parkedFrames() {
            return parked.get();
        }

        @Override
        public void addRouteChangeListener(RouteChangeListener listener) {}

        @Override
        public void removeRouteChangeListener(RouteChangeListener listener) {}
    }

    @Test
    void parkedFramesAreAGaugeAndDropsACounterByReason() {
        FakeRouting routing = new FakeRouting();
        metrics.watchRouting(routing);
        routing.parked.set(new ParkedFrameCounts(17, 5, 3, 2));

        String text = metrics.scrape();

        assertThat(text)
                .contains("weft_parked_frames 17.0")
                .contains("weft_parked_frames_dropped_total{reason=\"overflow\"} 5.0")
                .contains("weft_parked_frames_dropped_total{reason=\"expired\"} 3.0")
                .contains("weft_parked_frames_dropped_total{reason=\"failed\"} 2.0");
    }
}
