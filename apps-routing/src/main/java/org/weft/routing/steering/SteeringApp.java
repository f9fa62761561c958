package org.weft.routing.steering;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.Dpid;
import org.weft.net.device.DeviceEvent;
import org.weft.net.device.DeviceListener;
import org.weft.net.device.DeviceService;
import org.weft.net.flow.Cookies;
import org.weft.net.flow.FlowRuleService;
import org.weft.net.host.HostListener;
import org.weft.net.host.HostService;
import org.weft.net.intent.SteeringRuleStore;
import org.weft.net.reconcile.IntentSource;
import org.weft.net.reconcile.SwitchEntries;
import org.weft.net.steering.SteeringException;
import org.weft.net.steering.SteeringRequest;
import org.weft.net.steering.SteeringRule;
import org.weft.net.steering.SteeringService;
import org.weft.net.topology.LinkWeigher;
import org.weft.net.topology.PathService;
import org.weft.net.topology.TopologyEvent;
import org.weft.net.topology.TopologyListener;
import org.weft.net.topology.TopologyService;
import org.weft.routing.steering.SteeringPlanner.Plan;

/**
 * The steering service. Rules are kept in a {@link SteeringRuleStore} and planned on the app's own
 * thread (a bounded queue of {@link #QUEUE_CAPACITY} tasks, {@link SteeringExecutor}): again when
 * the topology or hosts change, and re-installed on a switch when it connects. Each rule's flows
 * carry cookie app id {@code STEERING_APP} and the rule's number.
 */
public final class SteeringApp implements SteeringService, AutoCloseable {

    /** Tasks (requests, topology and host changes) that may wait for the app's thread. */
    public static final int QUEUE_CAPACITY = 1024;

    private static final Logger log = LoggerFactory.getLogger(SteeringApp.class);

    private final DeviceService devices;
    private final TopologyService topology;
    private final HostService hosts;
    private final PathService paths;
    private final SteeringRuleStore store;
    private final Supplier<LinkWeigher> weigher;
    private final SteeringInstaller installer;
    private final Map<Long, Entry> rules = new ConcurrentSkipListMap<>();
    private final SteeringExecutor executor =
            new SteeringExecutor(QUEUE_CAPACITY, this::catchUp, System::nanoTime);
    private final SteeringIndex index = new SteeringIndex();
    private final TopologyListener topologyListener =
            e -> executor.executeOrCatchUp(() -> onTopology(e));
    private final HostListener hostListener = e -> executor.executeOrCatchUp(this::replanAll);
    private final DeviceListener deviceListener = this::onDevice;

    /** A rule with its latest plan. */
    private record Entry(long number, SteeringRequest request, Plan plan) {}

    /**
     * The rule as REST shows it: the plan's state when it has no flows (waiting for a host, broken,
     * no path); otherwise where its switches stand: SWITCH_DISCONNECTED when one is away, FAILED
     * with the switch's error when one rejected or did not answer, PENDING until every switch
     * confirmed (by barrier, or a reconcile pass found the flow in place), then INSTALLED.
     */
    private SteeringRule rule(Entry e) {
        Plan plan = e.plan();
        SteeringRule.State state = plan.state();
        String detail = plan.detail();
        if (state == SteeringRule.State.INSTALLED) {
            Map<Dpid, SteeringInstaller.SwitchStatus> st = installer.status(e.number());
            Optional<Dpid> away =
                    plan.flows().keySet().stream().filter(d -> !devices.isConnected(d)).findFirst();
            Optional<String> error =
                    st.values().stream()
                            .map(SteeringInstaller.SwitchStatus::error)
                            .filter(x -> x != null)
                            .findFirst();
            boolean confirmed =
                    plan.flows().keySet().stream()
                            .allMatch(d -> st.containsKey(d) && st.get(d).confirmed());
            if (away.isPresent()) {
                state = SteeringRule.State.SWITCH_DISCONNECTED;
                detail = "switch " + away.get() + " is not connected";
            } else if (error.isPresent()) {
                state = SteeringRule.State.FAILED;
                detail = error.get();
            } else if (!confirmed) {
                state = SteeringRule.State.PENDING;
                detail = "waiting for the switches to confirm";
            }
        }
        return new SteeringRule(Long.toString(e.number()), e.request(), state, detail, plan.path());
    }

    /** Steering's flows as intent, for the reconciler (cookie app {@code STEERING_APP}). */
    public IntentSource intentSource() {
        return intentSource;
    }

    private final IntentSource intentSource =
            new IntentSource() {
                @Override
                public String name() {
                    return "steering";
                }

                @Override
                public int appId() {
                    return Cookies.STEERING_APP;
                }

                @Override
                public SwitchEntries intended(Dpid dpid) {
                    return SwitchEntries.flows(installer.intended(dpid));
                }

                @Override
                public void inSync(Dpid dpid, SwitchEntries intended) {
                    installer.inSync(dpid, intended.flows());
                }
            };

    /**
     * @param weigher the metric avoid-links paths are computed with (the routing metric's)
     */
    public SteeringApp(
            DeviceService devices,
            TopologyService topology,
            HostService hosts,
            PathService paths,
            FlowRuleService flows,
            SteeringRuleStore store,
            Supplier<LinkWeigher> weigher) {
        this.devices = devices;
        this.topology = topology;
        this.hosts = hosts;
        this.paths = paths;
        this.store = store;
        this.weigher = weigher;
        this.installer = new SteeringInstaller(flows);
    }

    /** Loads the stored rules, installs them where possible and starts following changes. */
    public SteeringApp start() {
        store.load()
                .forEach(
                        (n, req) ->
                                rules.put(
                                        n,
                                        new Entry(
                                                n,
                                                req,
                                                Plan.notInstalled(
                                                        SteeringRule.State.PENDING,
                                                        "not planned yet"))));
        topology.addListener(topologyListener);
        hosts.addListener(hostListener);
        devices.addListener(deviceListener);
        store.watch(() -> executor.executeOrCatchUp(this::reloadRules));
        executor.execute(this::replanAll);
        log.info("Steering started with {} stored rules", rules.size());
        return this;
    }

    @Override
    public CompletableFuture<SteeringRule> add(SteeringRequest request) {
        SteeringPlanner.validate(request, topology.currentSnapshot());
        return CompletableFuture.supplyAsync(
                        () -> {
                            long n = store.add(request);
                            Entry e =
                                    new Entry(
                                            n,
                                            request,
                                            Plan.notInstalled(
                                                    SteeringRule.State.PENDING, "not planned yet"));
                            rules.put(n, e);
                            return replan(e).thenApply(v -> rule(rules.get(n)));
                        },
                        executor)
                .thenCompose(f -> f);
    }

    @Override
    public CompletableFuture<Void> remove(String id) {
        long n = number(id);
        return CompletableFuture.supplyAsync(
                        () -> {
                            Entry e = rules.remove(n);
                            index.remove(n);
                            if (e == null) {
                                throw new SteeringException(
                                        SteeringException.Kind.UNKNOWN_RULE,
                                        "no steering rule " + id);
                            }
                            store.remove(n);
                            return installer.install(n, Map.of());
                        },
                        executor)
                .thenCompose(f -> f);
    }

    @Override
    public Optional<SteeringRule> get(String id) {
        try {
            return Optional.ofNullable(rules.get(Long.parseLong(id))).map(this::rule);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<SteeringRule> list() {
        return rules.values().stream().map(this::rule).toList();
    }

    private static long number(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new SteeringException(
                    SteeringException.Kind.UNKNOWN_RULE, "no steering rule " + id);
        }
    }

    /** A switch that goes away is checked again by the reconciler's pass when it returns. */
    private void onDevice(DeviceEvent e) {
        if (e.type() == DeviceEvent.Type.DEVICE_DISCONNECTED) {
            installer.disconnected(e.subject().dpid());
        }
    }

    /**
     * A snapshot that only lost links or switches re-plans the rules whose path used them (found
     * with the index); anything that could open a better path (links or switches added, link
     * attributes changed) re-plans every rule.
     */
    private void onTopology(TopologyEvent e) {
        if (e.addedLinks().isEmpty() && e.addedSwitches().isEmpty() && e.updatedLinks().isEmpty()) {
            for (long n : index.using(e.removedLinks(), e.removedSwitches())) {
                Entry entry = rules.get(n);
                if (entry != null) {
                    replan(entry);
                }
            }
        } else {
            replanAll();
        }
    }

    /**
     * Applies the rules another instance of a cluster added or removed (the store says they
     * changed): new ones are planned and installed, gone ones uninstalled. Runs on the app's
     * thread, like this instance's own requests, so its own changes are no change here.
     */
    private void reloadRules() {
        SortedMap<Long, SteeringRequest> stored;
        try {
            stored = store.load();
        } catch (RuntimeException e) {
            log.error("Stored steering rules unreadable; the next change retries", e);
            return;
        }
        for (long n : List.copyOf(rules.keySet())) {
            if (!stored.containsKey(n) && rules.remove(n) != null) {
                index.remove(n);
                log.info("Steering rule {} removed through another instance", n);
                installer.install(n, Map.of());
            }
        }
        stored.forEach(
                (n, req) -> {
                    Entry e =
                            new Entry(
                                    n,
                                    req,
                                    Plan.notInstalled(
                                            SteeringRule.State.PENDING, "not planned yet"));
                    if (rules.putIfAbsent(n, e) == null) {
                        log.info("Steering rule {} added through another instance", n);
                        replan(e);
                    }
                });
    }

    /** Makes up for refused change notices: the stored rules again, every rule re-planned. */
    private void catchUp() {
        reloadRules();
        replanAll();
    }

    private void replanAll() {
        for (Entry e : List.copyOf(rules.values())) {
            replan(e);
        }
    }

    /** Plans the rule again and brings its flows in line; runs on the app's thread. */
    private CompletableFuture<Void> replan(Entry e) {
        Plan plan =
                SteeringPlanner.plan(
                        e.request(),
                        e.number(),
                        topology.currentSnapshot(),
                        paths,
                        weigher.get(),
                        ip -> hosts.getHostsByIp(ip).stream().findFirst());
        Entry updated = new Entry(e.number(), e.request(), plan);
        if (rules.computeIfPresent(e.number(), (k, old) -> updated) != null) {
            index.put(e.number(), plan.path());
        }
        if (!plan.equals(e.plan()) && plan.state() != SteeringRule.State.INSTALLED) {
            log.info("Steering rule {} is {}: {}", e.number(), plan.state(), plan.detail());
        }
        return installer.install(e.number(), plan.flows());
    }

    @Override
    public void close() {
        topology.removeListener(topologyListener);
        hosts.removeListener(hostListener);
        devices.removeListener(deviceListener);
        try {
            if (!executor.shutdown(Duration.ofSeconds(2))) {
                log.warn("Steering still busy after 2 s at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("Steering stopped");
    }

    /**
     * Requests and change notices refused because the app's queue was full, since start (a refused
     * change notice is made up by re-planning every rule).
     */
    public long rejectedTasks() {
        return executor.rejected();
    }

    /** Rules by number, for tests of this package. */
    List<Long> numbers() {
        return new ArrayList<>(rules.keySet());
    }
}
