package org.weft.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.event.ListenerRegistry;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.device.DeviceEvent;
import org.weft.net.device.DeviceListener;
import org.weft.net.device.DeviceService;
import org.weft.net.flow.FlowRuleService;
import org.weft.net.flow.GroupService;
import org.weft.net.host.Host;
import org.weft.net.host.HostEvent;
import org.weft.net.host.HostId;
import org.weft.net.host.HostListener;
import org.weft.net.host.HostService;
import org.weft.net.packet.PacketProcessor;
import org.weft.net.packet.PacketService;
import org.weft.net.reconcile.IntentSource;
import org.weft.net.routing.ParkedFrameCounts;
import org.weft.net.routing.RouteChange;
import org.weft.net.routing.RouteChangeListener;
import org.weft.net.routing.RoutingMetric;
import org.weft.net.routing.RoutingService;
import org.weft.net.stats.StatsService;
import org.weft.net.topology.TopologyListener;
import org.weft.net.topology.TopologyService;
import org.weft.net.topology.TopologySnapshot;
import org.weft.util.LogThrottle;
import org.weft.util.LogThrottles;

/**
 * Makes a fabric forward: for every known host, destination-based rules on every switch of its
 * component (select groups where equal-cost next hops exist, fast-failover groups where a safe
 * backup exists); flooding along the spanning tree; proxy ARP. Route work runs on the app's own
 * thread; packet-ins are answered on the switch's I/O thread.
 */
public final class RoutingApp implements RoutingService, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RoutingApp.class);

    /**
     * A recurring failure is logged at most once per this interval (per destination), with a count.
     */
    static final Duration WARN_INTERVAL = Duration.ofMinutes(1);

    /** The flood plan last handed to the programmer (the routing thread only). */
    private RoutingPlan floodRequested = RoutingPlan.empty();

    private final DeviceService devices;
    private final TopologyService topology;
    private final HostService hosts;
    private final PacketService packets;
    private final StatsService stats;
    private final RoutingConfig config;
    private final RouteProgrammer programmer;
    private final IntentSource intentSource;
    private final LinkRouteIndex index = new LinkRouteIndex();
    private final RoutingPacketHandler packetHandler;
    private final ScheduledExecutorService executor;
    private final PlanContexts contexts;
    private final TopologyReactions reactions;
    private final ListenerRegistry<RouteChange, RouteChangeListener> listeners;
    private final Map<HostId, Integer> hostIndex = new ConcurrentHashMap<>();

    /** Each routed host's last plan, kept so the next one rebuilds only what changed. */
    private final Map<PlanKey, PlannedRoute> planned = new ConcurrentHashMap<>();

    private final AtomicInteger nextIndex = new AtomicInteger();

    /** Failures of the routing thread's work, and of one destination's planning, logged rarely. */
    private final LogThrottle taskWarnings = LogThrottle.every(WARN_INTERVAL);

    private final LogThrottles<HostId> destinationWarnings = LogThrottles.every(WARN_INTERVAL);
    private volatile RoutingMetric metric;
    private final HostListener hostListener = e -> execute(() -> onHost(e));
    private final TopologyListener topologyListener = e -> execute(() -> onTopology(e));
    private final DeviceListener deviceListener = e -> execute(() -> onDevice(e));

    public RoutingApp(
            DeviceService devices,
            TopologyService topology,
            HostService hosts,
            PacketService packets,
            FlowRuleService flows,
            GroupService groups,
            StatsService stats,
            RoutingConfig config) {
        this.devices = devices;
        this.contexts = new PlanContexts(devices, config.protection());
        this.topology = topology;
        this.hosts = hosts;
        this.packets = packets;
        this.stats = stats;
        this.config = config;
        this.metric = config.metric();
        this.programmer = new RouteProgrammer(flows, groups);
        this.intentSource = new RoutingIntent(programmer);
        this.packetHandler =
                new RoutingPacketHandler(
                        this, hosts, packets, config.parkedFrames(), System::nanoTime);
        this.executor =
                new java.util.concurrent.ScheduledThreadPoolExecutor(
                        1,
                        r -> {
                            Thread t = new Thread(r, "weft-routing");
                            t.setDaemon(true);
                            return t;
                        });
        this.reactions =
                new TopologyReactions(
                        this, executor, config.recoveryHoldDown().toNanos(), System::nanoTime);
        this.listeners = new ListenerRegistry<>(executor);
    }

    public RoutingApp start() {
        packets.addProcessor(packetHandler, PacketProcessor.DIRECTOR);
        hosts.addListener(hostListener);
        topology.addListener(topologyListener);
        devices.addListener(deviceListener);
        executor.execute(this::replanAll);
        log.info(
                "Routing started (metric {}, protection {}, recovery hold-down {} ms)",
                metric,
                config.protection(),
                config.recoveryHoldDown().toMillis());
        return this;
    }

    @Override
    public RoutingMetric metric() {
        return metric;
    }

    @Override
    public CompletableFuture<Void> setMetric(RoutingMetric newMetric) {
        metric = newMetric;
        return CompletableFuture.supplyAsync(this::replanAll, executor)
                .thenCompose(f -> f)
                .thenApply(n -> null);
    }

    @Override
    public int routedHostCount() {
        return (int)
                programmer.keys().stream().filter(k -> k instanceof PlanKey.Destination).count();
    }

    @Override
    public ParkedFrameCounts parkedFrames() {
        return packetHandler.parkedFrames();
    }

    @Override
    public void addRouteChangeListener(RouteChangeListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeRouteChangeListener(RouteChangeListener listener) {
        listeners.remove(listener);
    }

    /**
     * Every flow rule and group the routing app wants on the switches now, to audit them against
     * what the switches report (flow stats) or to check convergence in tests.
     */
    public RoutingPlan intended() {
        return programmer.intended();
    }

    /** The app's entries as intent, for the reconciler. */
    public IntentSource intentSource() {
        return intentSource;
    }

    /** Route work (host, topology and device events; timers) waiting for the routing thread. */
    public int workBacklog() {
        return ((java.util.concurrent.ScheduledThreadPoolExecutor) executor).getQueue().size();
    }

    /** Whether all route updates issued so far have been confirmed by the switches. */
    public boolean isIdle() {
        return programmer.isIdle();
    }

    TopologySnapshot snapshot() {
        return topology.currentSnapshot();
    }

    RouteProgrammer programmer() {
        return programmer;
    }

    DeviceService devices() {
        return devices;
    }

    /** Runs a task on the app's thread (route computation is single-threaded). */
    void submit(Runnable task) {
        execute(task);
    }

    private void execute(Runnable task) {
        try {
            executor.execute(() -> runLogged(task));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("Routing is stopped; dropping work", e);
        }
    }

    /**
     * Runs a task of the routing thread; a failure is logged (rate-limited), never left to the
     * executor, which would keep it silently in a future nobody reads.
     */
    void runLogged(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            long left = taskWarnings.admit();
            if (left >= 0) {
                log.error("Routing work failed ({} more since the last line)", left, e);
            }
        }
    }

    private PlanContext context() {
        return contexts.current(snapshot(), metric);
    }

    /** Installs (or updates) the routes toward a host; completes with the operations sent. */
    CompletableFuture<Integer> route(Host h) {
        return route(context(), h);
    }

    /**
     * Routes one destination of a batch (restoration, re-optimisation): a destination whose
     * planning fails is logged (rate-limited, once per destination per interval) and reported as a
     * failed future, and the batch goes on with the others.
     */
    private CompletableFuture<Integer> routeOneOf(PlanContext ctx, Host h) {
        try {
            return route(ctx, h);
        } catch (RuntimeException e) {
            long left = destinationWarnings.admit(h.id());
            if (left >= 0) {
                log.warn(
                        "Planning routes toward {} failed ({} more since the last line)",
                        h.id(),
                        left,
                        e);
            }
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<Integer> route(PlanContext ctx, Host h) {
        HostAttachment dst =
                new HostAttachment(
                        h.mac(), h.vlan() == HostId.NO_VLAN ? null : h.vlan(), h.location());
        int i = hostIndex.computeIfAbsent(h.id(), id -> nextIndex.getAndIncrement());
        PlanKey key = PlanKey.of(h.id());
        PlannedRoute route = DestinationPlanner.plan(ctx, dst, i, planned.get(key));
        planned.put(key, route);
        RoutingPlan plan = route.plan();
        if (route.rebuilt() == null) {
            index.put(key, plan, ctx.topology());
        } else {
            index.update(key, plan, ctx.topology(), route.rebuilt());
        }
        return programmer.update(key, plan, h.location().dpid());
    }

    private CompletableFuture<Integer> unroute(PlanKey key) {
        planned.remove(key);
        index.remove(key);
        return programmer.update(key, RoutingPlan.empty(), null);
    }

    private void onHost(HostEvent e) {
        switch (e.type()) {
            case ADDED, MOVED, UPDATED -> route(e.subject());
            case REMOVED -> unroute(PlanKey.of(e.subject().id()));
        }
    }

    private void onTopology(org.weft.net.topology.TopologyEvent e) {
        reactions.onTopology(e);
    }

    private void onDevice(DeviceEvent e) {
        // Switches that (re)connect or fall out of sync are audited by the reconciler, which
        // reads this app's intent through intentSource().
        switch (e.type()) {
            case PORT_ADDED, PORT_UPDATED, PORT_REMOVED -> replanFlood();
            default -> {}
        }
    }

    /**
     * Moves the switches to the current tree's flood rules, through {@link FloodPlanner#between}
     * when the tree changed (the key's updates run one after the other: every switch confirms the
     * step before any gets the new tree's rules). The step is taken from the plan last asked for,
     * which is where the switches are once the updates queued before this one are done.
     */
    CompletableFuture<Integer> replanFlood() {
        RoutingPlan next = FloodPlanner.plan(snapshot(), switchInfos());
        RoutingPlan now = floodRequested;
        floodRequested = next;
        RoutingPlan step = FloodPlanner.between(now, next);
        if (step.equals(next) || step.equals(now)) {
            return programmer.update(PlanKey.FLOOD, next, null);
        }
        return programmer
                .update(PlanKey.FLOOD, step, null)
                .thenCombine(programmer.update(PlanKey.FLOOD, next, null), Integer::sum);
    }

    /** Restoration: re-plans exactly the destinations whose routes used a lost link or switch. */
    void restore(
            Set<Link> lostLinks, Set<Dpid> lostSwitches, long detectedAtMillis, long startNanos) {
        Set<PlanKey> affected = index.keysUsing(lostLinks);
        PlanContext ctx = context();
        List<CompletableFuture<Integer>> work = new ArrayList<>();
        int destinations = 0;
        for (PlanKey key : affected) {
            if (key instanceof PlanKey.Destination d) {
                var h = hosts.getHost(d.host());
                work.add(h.isPresent() ? routeOneOf(ctx, h.get()) : unroute(d));
                destinations++;
            }
        }
        report(
                RouteChange.Cause.LOSS,
                lostLinks,
                lostSwitches,
                detectedAtMillis,
                startNanos,
                destinations,
                work);
    }

    /**
     * Re-optimisation of every route (after a recovery's hold-down, or a metric/attribute change).
     */
    void reoptimize(RouteChange.Cause cause, long detectedAtMillis, long startNanos) {
        List<CompletableFuture<Integer>> work = new ArrayList<>();
        int destinations = replanAll(work);
        report(cause, Set.of(), Set.of(), detectedAtMillis, startNanos, destinations, work);
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
                            RouteChange change =
                                    new RouteChange(
                                            cause,
                                            links,
                                            switches,
                                            detectedAtMillis,
                                            System.currentTimeMillis(),
                                            System.nanoTime() - startNanos,
                                            destinations,
                                            ops);
                            listeners.post(change);
                        });
    }

    private CompletableFuture<Integer> replanAll() {
        List<CompletableFuture<Integer>> work = new ArrayList<>();
        replanAll(work);
        return CompletableFuture.allOf(work.toArray(CompletableFuture[]::new))
                .thenApply(x -> work.stream().mapToInt(CompletableFuture::join).sum());
    }

    private int replanAll(List<CompletableFuture<Integer>> work) {
        work.add(replanFlood());
        PlanContext ctx = context();
        Set<PlanKey> known = new HashSet<>();
        for (Host h : hosts.getHosts()) {
            known.add(PlanKey.of(h.id()));
            work.add(routeOneOf(ctx, h));
        }
        for (PlanKey key : programmer.keys()) {
            if (key instanceof PlanKey.Destination && !known.contains(key)) {
                work.add(unroute(key));
            }
        }
        return known.size();
    }

    /** What the planners need to know of every connected switch. */
    Map<Dpid, SwitchInfo> switchInfos() {
        return contexts.switchInfos();
    }

    @Override
    public void close() {
        packets.removeProcessor(packetHandler);
        hosts.removeListener(hostListener);
        topology.removeListener(topologyListener);
        devices.removeListener(deviceListener);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                log.warn("Routing work still running after 2 s at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
