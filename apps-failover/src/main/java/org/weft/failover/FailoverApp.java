package org.weft.failover;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.failover.FailoverEvent;
import org.weft.net.failover.FailoverListener;
import org.weft.net.failover.FailoverService;
import org.weft.net.failover.FailoverStats;
import org.weft.net.routing.RoutingService;
import org.weft.net.routing.plan.BackupChooser;
import org.weft.net.routing.plan.RoutePlanner;
import org.weft.net.topology.TopologyListener;
import org.weft.net.topology.TopologyService;
import org.weft.time.TimeSource;

/**
 * Failover: local protection (the {@link LocalProtection} backups routing's planner puts into
 * fast-failover groups, so switches protect traffic themselves), controller restoration (on every
 * topology change, {@link TopologyReactions} asks routing through its {@link RoutePlanner} to
 * re-plan exactly what used a lost element, and re-optimises after a bounded hold-down), and the
 * account of both ({@link FailoverRecord}: events, timings, counters). Topology changes and the
 * hold-down's timer are handled on the app's own thread; routing does the planning on its own.
 */
public final class FailoverApp implements FailoverService, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FailoverApp.class);

    /** Events kept for {@link #recentEvents()}. */
    public static final int HISTORY = FailoverRecord.HISTORY;

    private final RoutingService routing;
    private final TopologyService topology;
    private final FailoverConfig config;
    private final FailoverRecord record;
    private final ScheduledExecutorService executor;
    private final TopologyReactions reactions;
    private final TopologyListener topologyListener = e -> execute(() -> reactions().onTopology(e));

    /**
     * @param routing whose route changes become failover events
     * @param planner routing's re-planning, asked for on topology changes
     * @param events the executor failover events are delivered on
     * @param time the source routing measures reaction times with (hold-down timer, detection
     *     times)
     */
    public FailoverApp(
            RoutingService routing,
            RoutePlanner planner,
            TopologyService topology,
            FailoverConfig config,
            Executor events,
            TimeSource time) {
        this.routing = routing;
        this.topology = topology;
        this.config = config;
        this.record = new FailoverRecord(events);
        this.executor =
                new ScheduledThreadPoolExecutor(
                        1,
                        r -> {
                            Thread t = new Thread(r, "weft-failover");
                            t.setDaemon(true);
                            return t;
                        });
        this.reactions =
                new TopologyReactions(planner, executor, config.recoveryHoldDown().toNanos(), time);
    }

    /**
     * The backup chooser routing's destination planner should consult: {@link LocalProtection}, or
     * null (no fast-failover groups) when protection is off.
     */
    public static BackupChooser protection(FailoverConfig config) {
        return config.protection() ? new LocalProtection() : null;
    }

    public FailoverApp start() {
        routing.addRouteChangeListener(record);
        topology.addListener(topologyListener);
        log.info(
                "Failover started (protection {}, recovery hold-down {} ms)",
                config.protection(),
                config.recoveryHoldDown().toMillis());
        return this;
    }

    private TopologyReactions reactions() {
        return reactions;
    }

    /**
     * Runs a task on the app's thread; a failure is logged, never kept in a future nobody reads.
     */
    private void execute(Runnable task) {
        try {
            executor.execute(
                    () -> {
                        try {
                            task.run();
                        } catch (RuntimeException e) {
                            log.error("Failover work failed", e);
                        }
                    });
        } catch (RejectedExecutionException e) {
            log.debug("Failover is stopped; dropping work", e);
        }
    }

    @Override
    public List<FailoverEvent> recentEvents() {
        return record.recentEvents();
    }

    @Override
    public FailoverStats stats() {
        return record.stats();
    }

    @Override
    public void addListener(FailoverListener listener) {
        record.addListener(listener);
    }

    @Override
    public void removeListener(FailoverListener listener) {
        record.removeListener(listener);
    }

    @Override
    public void close() {
        topology.removeListener(topologyListener);
        reactions.stop();
        routing.removeRouteChangeListener(record);
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                log.warn("Failover work still running after 2 s at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
