package org.weft.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.event.ListenerRegistry;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.host.Host;
import org.weft.net.host.HostId;
import org.weft.net.host.HostService;
import org.weft.net.routing.RouteChange;
import org.weft.net.routing.RouteChangeListener;
import org.weft.net.routing.RoutingMetric;
import org.weft.net.routing.plan.RoutePlanner;
import org.weft.time.TimeSource;
import org.weft.util.LogThrottles;

/**
 * The routing app's re-planning: of every route (start, metric change, re-optimisation), of exactly
 * the destinations that used lost links (restoration), and of the flood tree. As {@link
 * RoutePlanner} it is what the failover app calls: each call is queued on the routing thread, where
 * everything else here runs, and restorations and re-optimisations are reported, once the switches
 * confirmed them, as {@link RouteChange}s with timings taken from the injected time sources.
 */
final class Replanner implements RoutePlanner {

    private static final Logger log = LoggerFactory.getLogger(Replanner.class);

    private final RoutingApp app;
    private final HostService hosts;
    private final DestinationRoutes routes;
    private final ListenerRegistry<RouteChange, RouteChangeListener> listeners;
    private final TimeSource time;

    /** Failures of one destination's planning, logged rarely. */
    private final LogThrottles<HostId> destinationWarnings =
            LogThrottles.every(RoutingApp.WARN_INTERVAL);

    /** The flood tree last handed to the programmer. */
    private FloodTree floodRequested = FloodTree.empty();

    /** The flood tree's re-plan, once per burst of requests (topology and port events). */
    private final CoalescedTask flood;

    Replanner(
            RoutingApp app,
            HostService hosts,
            ListenerRegistry<RouteChange, RouteChangeListener> listeners,
            TimeSource time) {
        this.app = app;
        this.hosts = hosts;
        this.routes = new DestinationRoutes(app.programmer(), app.destinationIds());
        this.listeners = listeners;
        this.time = time;
        this.flood = new CoalescedTask(app::submit, this::floodNow);
    }

    @Override
    public RoutingMetric metric() {
        return app.metric();
    }

    @Override
    public void restore(
            Set<Link> lostLinks,
            Set<Dpid> lostSwitches,
            long detectedAtMillis,
            long receivedAtNanos) {
        Set<Link> links = Set.copyOf(lostLinks);
        Set<Dpid> switches = Set.copyOf(lostSwitches);
        app.submit(() -> restoreNow(links, switches, detectedAtMillis, receivedAtNanos));
    }

    @Override
    public void reoptimize(RouteChange.Cause cause, long detectedAtMillis, long receivedAtNanos) {
        app.submit(() -> reoptimizeNow(cause, detectedAtMillis, receivedAtNanos));
    }

    @Override
    public void replanFlood() {
        flood.request();
    }

    /** Installs (or updates) the routes toward a host; completes with the operations sent. */
    CompletableFuture<Integer> route(Host h) {
        return routes.route(app.context(), h);
    }

    /** Installs (or updates) the routes toward several hosts together; one future per host. */
    List<CompletableFuture<Integer>> routeAll(List<Host> hs) {
        return routeAll(app.context(), hs);
    }

    CompletableFuture<Integer> unroute(HostId host) {
        return routes.unroute(PlanKey.of(host));
    }

    /**
     * Moves the switches to the current tree's flood rules, through {@link FloodPlanner#between}
     * when the tree changed (the key's updates run one after the other: every switch confirms the
     * step before any gets the new tree's rules). The step is taken from the tree last asked for,
     * which is where the switches are once the updates queued before this one are done. Only the
     * switches whose flooding ports moved are rebuilt and handed on; when none did, nothing is.
     */
    CompletableFuture<Integer> floodNow() {
        RouteProgrammer programmer = app.programmer();
        FloodTree now = floodRequested;
        FloodTree next = FloodPlanner.plan(app.snapshot(), app.switchInfos(), now);
        floodRequested = next;
        Set<Dpid> changed = next.changed();
        if (changed.isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        RoutingPlan step = FloodPlanner.between(now.plan(), next.plan(), changed);
        if (sameAt(changed, step, next.plan()) || sameAt(changed, step, now.plan())) {
            return programmer.update(PlanKey.FLOOD, next.plan(), null, changed);
        }
        return programmer
                .update(PlanKey.FLOOD, step, null, changed)
                .thenCombine(
                        programmer.update(PlanKey.FLOOD, next.plan(), null, changed), Integer::sum);
    }

    /** Whether two plans that differ at most at {@code at} hold the same rules there. */
    private static boolean sameAt(Set<Dpid> at, RoutingPlan a, RoutingPlan b) {
        for (Dpid s : at) {
            if (!a.flows().get(s).equals(b.flows().get(s))) {
                return false;
            }
        }
        return true;
    }

    /** Restoration: re-plans exactly the destinations whose routes used a lost link. */
    private void restoreNow(
            Set<Link> lostLinks, Set<Dpid> lostSwitches, long detectedAtMillis, long startNanos) {
        List<CompletableFuture<Integer>> work = new ArrayList<>();
        List<Host> present = new ArrayList<>();
        int destinations = 0;
        for (PlanKey key : routes.using(lostLinks)) {
            if (key instanceof PlanKey.Destination d) {
                var h = hosts.getHost(d.host());
                if (h.isPresent()) {
                    present.add(h.get());
                } else {
                    work.add(routes.unroute(d));
                }
                destinations++;
            }
        }
        work.addAll(routeAll(app.context(), present));
        report(
                RouteChange.Cause.LOSS,
                lostLinks,
                lostSwitches,
                detectedAtMillis,
                startNanos,
                destinations,
                work);
    }

    private void reoptimizeNow(RouteChange.Cause cause, long detectedAtMillis, long startNanos) {
        List<CompletableFuture<Integer>> work = new ArrayList<>();
        int destinations = replanAll(work);
        report(cause, Set.of(), Set.of(), detectedAtMillis, startNanos, destinations, work);
    }

    /** Re-plans every route and the flood tree; completes with the operations sent. */
    CompletableFuture<Integer> replanAll() {
        List<CompletableFuture<Integer>> work = new ArrayList<>();
        replanAll(work);
        return CompletableFuture.allOf(work.toArray(CompletableFuture[]::new))
                .thenApply(x -> work.stream().mapToInt(CompletableFuture::join).sum());
    }

    private int replanAll(List<CompletableFuture<Integer>> work) {
        work.add(floodNow());
        Set<PlanKey> known = new HashSet<>();
        List<Host> all = new ArrayList<>();
        for (Host h : hosts.getHosts()) {
            known.add(PlanKey.of(h.id()));
            all.add(h);
        }
        work.addAll(routeAll(app.context(), all));
        for (PlanKey key : app.programmer().keys()) {
            if (key instanceof PlanKey.Destination && !known.contains(key)) {
                work.add(routes.unroute(key));
            }
        }
        return known.size();
    }

    /**
     * Routes the destinations of a batch (host events, restoration, re-optimisation) together: a
     * destination whose planning fails is logged (rate-limited, once per destination per interval)
     * and reported as a failed future, and the batch goes on with the others.
     */
    private List<CompletableFuture<Integer>> routeAll(PlanContext ctx, List<Host> hs) {
        return routes.routeAll(
                ctx,
                hs,
                (h, e) -> {
                    long left = destinationWarnings.admit(h.id());
                    if (left >= 0) {
                        log.warn(
                                "Planning routes toward {} failed ({} more since the last line)",
                                h.id(),
                                left,
                                e);
                    }
                });
    }

    private void report(
            RouteChange.Cause cause,
            Set<Link> links,
            Set<Dpid> switches,
            long detectedAtMillis,
            long startNanos,
            int destinations,
            List<CompletableFuture<Integer>> work) {
        CompletableFuture.allOf(work.toArray(CompletableFuture[]::new))
                .whenComplete(
                        (ok, e) -> {
                            int ops =
                                    work.stream()
                                            .mapToInt(
                                                    f ->
                                                            f.isCompletedExceptionally()
                                                                    ? 0
                                                                    : f.join())
                                            .sum();
                            listeners.post(
                                    new RouteChange(
                                            cause,
                                            links,
                                            switches,
                                            detectedAtMillis,
                                            time.millis(),
                                            time.nanos() - startNanos,
                                            destinations,
                                            ops));
                        });
    }
}
