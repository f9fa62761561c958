package org.weft.failover;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.event.AbstractEvent;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.link.LinkEvent;
import org.weft.net.routing.RouteChange;
import org.weft.net.routing.RoutingMetric;
import org.weft.net.routing.plan.RoutePlanner;
import org.weft.net.topology.TopologyEvent;
import org.weft.time.TimeSource;

/**
 * How the fabric answers topology changes: losses at once, asking routing to re-plan exactly the
 * destinations that used a lost element; recoveries and attribute changes after a hold-down that
 * restarts with every new recovery (bounded), so a flapping link causes one re-optimisation, not
 * one per flap. Runs on one thread: {@link #onTopology} runs on {@code executor}, which must be
 * single-threaded, and the hold-down's timer (set on the time source) hands its work to the same
 * executor. Time comes from the given source only.
 */
final class TopologyReactions {

    private static final Logger log = LoggerFactory.getLogger(TopologyReactions.class);

    private final RoutePlanner planner;
    private final Executor executor;
    private final HoldDown holdDown;
    private final TimeSource time;
    private volatile Future<?> pendingRecovery;

    /**
     * A timer that fired and queued its work before it was cancelled must not act: only the latest
     * scheduled re-optimisation (this generation) runs.
     */
    private long generation;

    /** Set once the app closes: a hold-down that expires later hands nothing to its executor. */
    private volatile boolean stopped;

    /**
     * @param executor the app's single thread, where the hold-down's expiry runs
     * @param time the source routing measures reaction times with; sets the hold-down's timer
     */
    TopologyReactions(
            RoutePlanner planner, Executor executor, long holdDownNanos, TimeSource time) {
        this.planner = planner;
        this.executor = executor;
        this.holdDown = new HoldDown(holdDownNanos, FailoverConfig.MAX_HOLD_DOWNS);
        this.time = time;
    }

    void onTopology(TopologyEvent e) {
        long receivedAt = time.nanos();
        Set<Link> lost = new HashSet<>(e.removedLinks());
        Set<Dpid> lostSwitches = e.removedSwitches();
        boolean recovered = !e.addedLinks().isEmpty() || !e.addedSwitches().isEmpty();
        // Under hop count only a load change matters: it weighs select groups' buckets.
        boolean attributes =
                planner.metric() != RoutingMetric.HOP_COUNT
                        ? !e.updatedLinks().isEmpty()
                        : e.reasons().stream()
                                .anyMatch(
                                        r ->
                                                r instanceof LinkEvent le
                                                        && le.reason() == LinkEvent.Reason.LOAD);
        // Restoration first: each switch's writer runs steps in order, so routes queued before
        // the flood tree's update reach the switches one barrier earlier.
        if (!lost.isEmpty() || !lostSwitches.isEmpty()) {
            planner.restore(lost, lostSwitches, detectedAt(e), receivedAt);
        }
        if (!lost.isEmpty() || !lostSwitches.isEmpty() || recovered) {
            planner.replanFlood();
        }
        if (recovered) {
            scheduleReoptimize(RouteChange.Cause.RECOVERY);
        } else if (attributes) {
            scheduleReoptimize(RouteChange.Cause.REOPTIMIZE);
        }
    }

    /**
     * The app is closing: a pending hold-down is cancelled and one that fires anyway does nothing
     * (its executor is being shut down). Any thread.
     */
    void stop() {
        stopped = true;
        Future<?> pending = pendingRecovery;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    /** Whether a re-optimisation is waiting for its hold-down to pass. */
    boolean isHoldingDown() {
        return holdDown.isPending();
    }

    private void scheduleReoptimize(RouteChange.Cause cause) {
        if (pendingRecovery != null) {
            pendingRecovery.cancel(false);
        }
        long delay = holdDown.changed(cause, time.nanos());
        long mine = ++generation;
        pendingRecovery =
                time.schedule(
                        Duration.ofNanos(delay),
                        () -> {
                            if (!stopped) {
                                executor.execute(() -> fire(mine));
                            }
                        });
    }

    private void fire(long scheduled) {
        if (scheduled != generation) {
            return;
        }
        RouteChange.Cause cause = holdDown.fire();
        pendingRecovery = null;
        try {
            planner.reoptimize(cause, time.millis(), time.nanos());
        } catch (RuntimeException e) {
            // Logged here: a scheduled task's failure would stay in a future nobody reads.
            log.error("Re-optimisation after the hold-down failed", e);
        }
    }

    /**
     * Wall-clock time of the earliest loss behind the change (a removed link, a port or switch
     * going away); other events batched with it (a latency sample, say) do not count.
     */
    static long detectedAt(TopologyEvent e) {
        long t = e.timeMillis();
        for (AbstractEvent<?, ?> reason : e.reasons()) {
            if (TopologyEvent.isLoss(reason)) {
                t = Math.min(t, reason.timeMillis());
            }
        }
        return t;
    }
}
