package org.weft.failover;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.routing.RouteChange;
import org.weft.net.routing.RouteChangeListener;
import org.weft.net.routing.RoutingMetric;
import org.weft.net.routing.RoutingService;
import org.weft.net.routing.plan.RoutePlanner;

/**
 * The routing side of the seam, faked: keeps its route-change listeners (so tests can fire route
 * changes) and records every re-planning asked of it, in order.
 */
final class FakeRouting implements RoutingService, RoutePlanner {

    /** One re-planning asked for. */
    record Call(String what, RouteChange.Cause cause, Set<Link> links, long millis, long nanos) {}

    final List<RouteChangeListener> listeners = new ArrayList<>();
    final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
    volatile RoutingMetric metric = RoutingMetric.HOP_COUNT;

    @Override
    public RoutingMetric metric() {
        return metric;
    }

    @Override
    public CompletableFuture<Void> setMetric(RoutingMetric m) {
        metric = m;
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

    @Override
    public void restore(Set<Link> lost, Set<Dpid> switches, long detectedAtMillis, long nanos) {
        calls.add(new Call("restore", RouteChange.Cause.LOSS, lost, detectedAtMillis, nanos));
    }

    @Override
    public void reoptimize(RouteChange.Cause cause, long detectedAtMillis, long nanos) {
        calls.add(new Call("reoptimize", cause, Set.of(), detectedAtMillis, nanos));
    }

    @Override
    public void replanFlood() {
        calls.add(new Call("flood", null, Set.of(), 0, 0));
    }

    /** What was asked since the last call, in order. */
    List<Call> drain() {
        List<Call> out = new ArrayList<>();
        calls.drainTo(out);
        return out;
    }
}
