package org.weft.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.event.ListenerRegistry;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.cluster.MastershipService;
import org.weft.net.cluster.SingleNodeMastership;
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
import org.weft.net.routing.DestinationIds;
import org.weft.net.routing.PacketInAnswers;
import org.weft.net.routing.ParkedFrameCounts;
import org.weft.net.routing.RouteChange;
import org.weft.net.routing.RouteChangeListener;
import org.weft.net.routing.RoutingMetric;
import org.weft.net.routing.RoutingService;
import org.weft.net.routing.plan.BackupChooser;
import org.weft.net.routing.plan.RoutePlanner;
import org.weft.net.stats.StatsService;
import org.weft.net.topology.TopologyService;
import org.weft.net.topology.TopologySnapshot;
import org.weft.time.TimeSource;
import org.weft.util.LogThrottle;

/**
 * Makes a fabric forward: for every known host, destination-based rules on every switch of its
 * component (select groups where equal-cost next hops exist, fast-failover groups where the
 * failover app's {@link BackupChooser} finds a safe backup); flooding along the spanning tree;
 * proxy ARP. Route work runs on the app's own thread; packet-ins are answered on the switch's I/O
 * thread.
 *
 * <p>Routing follows hosts, switches' ports and the metric by itself; topology changes reach it
 * through its {@link #planner()}, which the failover app drives (restoration at once,
 * re-optimisation after a hold-down). Built without a failover app, it plans without fast-failover
 * groups and keeps its routes until hosts, ports or the metric change.
 */
public final class RoutingApp implements RoutingService, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RoutingApp.class);

    /**
     * A recurring failure is logged at most once per this interval (per destination), with a count.
     */
    static final Duration WARN_INTERVAL = Duration.ofMinutes(1);

    private final DeviceService devices;
    private final TopologyService topology;
    private final HostService hosts;
    private final PacketService packets;
    private final RoutingConfig config;
    private final BackupChooser protection;
    private final RouteProgrammer programmer;
    private final IntentSource intentSource;
    private final RoutingPacketHandler packetHandler;
    private final ScheduledThreadPoolExecutor executor;
    private final PlanContexts contexts;
    private final ListenerRegistry<RouteChange, RouteChangeListener> listeners;
    private final Replanner replanner;
    private final DestinationIds destinationIds;

    /** Failures of the routing thread's work, logged rarely. */
    private final LogThrottle taskWarnings = LogThrottle.every(WARN_INTERVAL);

    private volatile RoutingMetric metric;

    /**
     * Host events not handled yet, the latest per host (so at most one per host tracked), taken in
     * bursts by one routing task: a fabric's hosts learned at once are routed together ({@link
     * Replanner#routeAll}). Guarded by itself.
     */
    private final Map<HostId, HostEvent> hostEvents = new LinkedHashMap<>();

    private final CoalescedTask hostWork = new CoalescedTask(this::execute, this::onHosts);

    private final HostListener hostListener =
            e -> {
                synchronized (hostEvents) {
                    hostEvents.put(e.subject().id(), e);
                }
                hostWork.request();
            };
    private final DeviceListener deviceListener = this::deviceEvent;

    /**
     * Routing alone: no local protection, no failover app to drive restoration, system time. For
     * tests and test beds; Weft wires the full constructor.
     */
    public RoutingApp(
            DeviceService devices,
            TopologyService topology,
            HostService hosts,
            PacketService packets,
            FlowRuleService flows,
            GroupService groups,
            StatsService stats,
            RoutingConfig config) {
        this(
                devices,
                topology,
                hosts,
                packets,
                flows,
                groups,
                stats,
                config,
                null,
                TimeSource.system(),
                new SingleNodeMastership("local", "local"));
    }

    /**
     * @param protection the failover app's backup chooser for fast-failover groups; null for none
     * @param time parked frames' ages, reaction times and when a change was confirmed; the failover
     *     app must be given the same source
     * @param mastership which switches this instance programs: in a cluster every instance plans
     *     every route over the same topology and writes only to the switches it masters (the others
     *     are skipped, not failed; their masters write them)
     */
    public RoutingApp(
            DeviceService devices,
            TopologyService topology,
            HostService hosts,
            PacketService packets,
            FlowRuleService flows,
            GroupService groups,
            StatsService stats,
            RoutingConfig config,
            BackupChooser protection,
            TimeSource time,
            MastershipService mastership) {
        this(
                devices,
                topology,
                hosts,
                packets,
                flows,
                groups,
                stats,
                config,
                protection,
                time,
                mastership,
                new LocalDestinationIds());
    }

    /**
     * As above, with {@code destinationIds}: numbers for destinations (group ids, cookies), {@link
     * LocalDestinationIds} for one instance, the cluster's shared ones in a cluster (every instance
     * must number a destination alike)
     */
    public RoutingApp(
            DeviceService devices,
            TopologyService topology,
            HostService hosts,
            PacketService packets,
            FlowRuleService flows,
            GroupService groups,
            StatsService stats,
            RoutingConfig config,
            BackupChooser protection,
            TimeSource time,
            MastershipService mastership,
            DestinationIds destinationIds) {
        this.destinationIds = destinationIds;
        this.devices = devices;
        this.protection = protection;
        this.contexts = new PlanContexts(devices, protection);
        this.topology = topology;
        this.hosts = hosts;
        this.packets = packets;
        this.config = config;
        this.metric = config.metric();
        this.programmer = new RouteProgrammer(flows, groups, mastership);
        this.intentSource = new RoutingIntent(programmer);
        this.packetHandler =
                new RoutingPacketHandler(this, hosts, packets, config.parkedFrames(), time::nanos);
        this.executor =
                new ScheduledThreadPoolExecutor(
                        1,
                        r -> {
                            Thread t = new Thread(r, "weft-routing");
                            t.setDaemon(true);
                            return t;
                        });
        this.listeners = new ListenerRegistry<>(executor);
        this.replanner = new Replanner(this, hosts, listeners, time);
    }

    public RoutingApp start() {
        packets.addProcessor(packetHandler, PacketProcessor.DIRECTOR);
        hosts.addListener(hostListener);
        devices.addListener(deviceListener);
        execute(replanner::replanAll);
        log.info(
                "Routing started (metric {}, local protection {})",
                metric,
                protection == null ? "off" : "on");
        return this;
    }

    /**
     * The re-planning the failover app asks for on topology changes (restoration, re-optimisation,
     * the flood tree); every call is queued on the routing thread.
     */
    public RoutePlanner planner() {
        return replanner;
    }

    @Override
    public RoutingMetric metric() {
        return metric;
    }

    @Override
    public CompletableFuture<Void> setMetric(RoutingMetric newMetric) {
        metric = newMetric;
        return CompletableFuture.supplyAsync(replanner::replanAll, executor)
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
    public PacketInAnswers packetInAnswers() {
        return packetHandler.answers();
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

    /**
     * Route work (host and device events, re-planning asked for) waiting for the routing thread.
     */
    public int workBacklog() {
        return executor.getQueue().size();
    }

    /**
     * Whether all route updates issued so far have ended (confirmed by the switches, or failed).
     * Reconcile passes running in the switches' lanes do not count.
     */
    public boolean isIdle() {
        return programmer.isIdle();
    }

    /**
     * Changes to switches' entries handed to the switches' writers so far (one per switch and
     * update; an update that changes nothing on a switch is none): two equal readings mean routing
     * asked no switch for anything in between.
     */
    public long changesIssued() {
        return programmer.changesIssued();
    }

    TopologySnapshot snapshot() {
        return topology.currentSnapshot();
    }

    RouteProgrammer programmer() {
        return programmer;
    }

    DestinationIds destinationIds() {
        return destinationIds;
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
        } catch (RejectedExecutionException e) {
            log.debug("Routing is stopped; dropping work", e);
        }
    }

    /**
     * Runs a task of the routing thread; a failure is logged (rate-limited), never left to the
     * executor, which would keep it silently in a future nobody reads.
     */
    private void runLogged(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            long left = taskWarnings.admit();
            if (left >= 0) {
                log.error("Routing work failed ({} more since the last line)", left, e);
            }
        }
    }

    /** The planning context for the current snapshot, metric and switches. */
    PlanContext context() {
        return contexts.current(snapshot(), metric);
    }

    /** Installs (or updates) the routes toward a host; completes with the operations sent. */
    CompletableFuture<Integer> route(Host h) {
        return replanner.route(h);
    }

    /** Handles the host events queued so far: removals one by one, the others' routes together. */
    private void onHosts() {
        List<HostEvent> events;
        synchronized (hostEvents) {
            events = new ArrayList<>(hostEvents.values());
            hostEvents.clear();
        }
        List<Host> routed = new ArrayList<>(events.size());
        for (HostEvent e : events) {
            switch (e.type()) {
                case ADDED, MOVED, UPDATED -> routed.add(e.subject());
                case REMOVED -> replanner.unroute(e.subject().id());
            }
        }
        if (!routed.isEmpty()) {
            replanner.routeAll(routed);
        }
    }

    /** On the event thread: the planners' view of the switches is stale from now on. */
    private void deviceEvent(DeviceEvent e) {
        contexts.devicesChanged();
        // Switches that (re)connect or fall out of sync are audited by the reconciler, which
        // reads this app's intent through intentSource(). A port's change may move the flood
        // tree's edge ports: one re-plan per burst (both ends of a cable, then the topology).
        switch (e.type()) {
            case PORT_ADDED, PORT_UPDATED, PORT_REMOVED -> {
                if (!onLink(e)) {
                    replanner.replanFlood();
                }
            }
            default -> {}
        }
    }

    /**
     * Whether the event's port carries a link in the current snapshot: it is no edge port whatever
     * its state, so the flood tree cannot move until the topology changes, and a topology change
     * re-plans the tree itself (a cable cut's two PORT_STATUS then cost no re-plan of their own).
     */
    private boolean onLink(DeviceEvent e) {
        return e.port()
                .map(
                        p ->
                                snapshot()
                                        .isInfrastructure(
                                                ConnectPoint.of(e.subject().dpid(), p.number())))
                .orElse(false);
    }

    /** What the planners need to know of every connected switch. */
    Map<Dpid, SwitchInfo> switchInfos() {
        return contexts.switchInfos();
    }

    @Override
    public void close() {
        packets.removeProcessor(packetHandler);
        hosts.removeListener(hostListener);
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
