package org.weft.dist;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.routing.RoutingMetric;
import org.weft.net.routing.RoutingService;
import org.weft.net.stats.LoadService;
import org.weft.net.stats.impl.LoadMonitor;
import org.weft.net.stats.impl.LoadReweighter;
import org.weft.net.stats.impl.StatsCollector;
import org.weft.openflow.OfController;

/**
 * The statistics collector of this configuration ({@code stats.*}) with its load monitor, and the
 * re-weighting that hands damped load to routing ({@code te.*}) while the metric is {@code
 * UTILISATION} or {@code te.wcmp} is on. Off when {@code stats.intervalMs} is 0.
 */
final class TrafficStats implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TrafficStats.class);

    private final LoadMonitor monitor;
    private final StatsCollector collector;
    private final LoadReweighter reweighter;

    private TrafficStats(LoadMonitor monitor, StatsCollector collector, LoadReweighter reweighter) {
        this.monitor = monitor;
        this.collector = collector;
        this.reweighter = reweighter;
    }

    /**
     * Starts collecting; null when {@code stats.intervalMs} is 0.
     *
     * @param routing null when routing is disabled (nothing is then re-weighted)
     */
    static TrafficStats start(
            WeftConfig config, OfController of, CoreServices core, RoutingService routing) {
        WeftConfig.Stats s = config.stats;
        if (s.intervalMs == 0) {
            log.info("Statistics collector off (stats.intervalMs is 0)");
            return null;
        }
        LoadMonitor monitor =
                new LoadMonitor(
                        core.linkService(),
                        core.eventExecutor(),
                        core.time(),
                        new LoadMonitor.Settings(
                                s.hotThreshold, s.coolThreshold, s.historySize, 3 * s.intervalMs));
        StatsCollector collector =
                new StatsCollector(
                                of.deviceService(),
                                of.statsService(),
                                monitor,
                                core.time(),
                                new StatsCollector.Settings(
                                        Duration.ofMillis(s.intervalMs),
                                        s.maxInFlight,
                                        Duration.ofMillis(s.timeoutMs)))
                        .start();
        LoadReweighter reweighter =
                new LoadReweighter(
                                monitor,
                                core.linkService(),
                                core.linkManager()::setUtilisation,
                                () ->
                                        routing != null
                                                && (config.te.wcmp
                                                        || routing.metric()
                                                                == RoutingMetric.UTILISATION),
                                core.time(),
                                new LoadReweighter.Settings(
                                        config.te.minChange,
                                        Duration.ofMillis((long) (config.te.intervalS * 1_000))))
                        .start();
        return new TrafficStats(monitor, collector, reweighter);
    }

    LoadService loads() {
        return monitor;
    }

    StatsCollector collector() {
        return collector;
    }

    @Override
    public void close() {
        reweighter.close();
        collector.close();
    }
}
