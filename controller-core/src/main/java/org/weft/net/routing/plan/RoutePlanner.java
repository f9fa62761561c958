package org.weft.net.routing.plan;

import java.util.Set;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.routing.RouteChange;
import org.weft.net.routing.RoutingMetric;

/**
 * The re-planning the routing app offers the failover app. Each call only queues the work on the
 * routing app's own thread and returns; queued calls run in the order they were made, so a
 * restoration asked for before a flood re-plan reaches the switches first. When the work is
 * confirmed by the switches, the routing app posts a {@link RouteChange} (restorations and
 * re-optimisations, not flood re-plans) to its route change listeners.
 *
 * <p>Timings: {@code detectedAtMillis} is wall-clock time of the earliest event behind the change;
 * {@code receivedAtNanos} is when the caller received it, on the same nanosecond source the routing
 * app measures the end with (both are given to the apps by the wiring).
 */
public interface RoutePlanner {

    /**
     * The metric routes are planned with now (a link attribute change matters only if not hop
     * count).
     */
    RoutingMetric metric();

    /**
     * Restoration: re-plans exactly the destinations whose installed routes (backup buckets
     * included) use one of the lost links; a destination whose host is gone is unrouted.
     */
    void restore(
            Set<Link> lostLinks,
            Set<Dpid> lostSwitches,
            long detectedAtMillis,
            long receivedAtNanos);

    /** Re-optimises every route (after a recovery's hold-down, or a link attribute change). */
    void reoptimize(RouteChange.Cause cause, long detectedAtMillis, long receivedAtNanos);

    /** Moves the switches to the current spanning tree's flood rules. */
    void replanFlood();
}
