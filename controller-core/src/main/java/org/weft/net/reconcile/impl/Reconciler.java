package org.weft.net.reconcile.impl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.DeviceNotConnectedException;
import org.weft.net.Dpid;
import org.weft.net.device.DeviceEvent;
import org.weft.net.device.DeviceListener;
import org.weft.net.device.DeviceService;
import org.weft.net.flow.BatchFailure;
import org.weft.net.flow.BatchFailureListener;
import org.weft.net.flow.FlowRuleCounters;
import org.weft.net.flow.FlowRuleService;
import org.weft.net.flow.GroupService;
import org.weft.net.reconcile.IntentSource;
import org.weft.net.reconcile.PassReport;
import org.weft.net.reconcile.ReconcileService;
import org.weft.net.reconcile.ReconcileStats;
import org.weft.net.reconcile.SwitchEntries;
import org.weft.net.reconcile.SyncState;
import org.weft.net.stats.StatsService;

/**
 * The one reconciler: for each connected switch, a pass per app reads the app's entries (flow stats
 * filtered by its cookie, group descriptions of its groups), diffs them against the app's intent
 * and sends what converges them ({@link EntryDiff}), inside the app's own ordering ({@link
 * IntentSource#exclusive}). Passes run when a switch connects, after a batch it did not fully
 * confirm or a pass that failed (backing off from {@code minBackoff} to {@code maxBackoff}), and
 * every {@code interval} at a phase set by the switch's DPID. At most {@code maxPassesInFlight} run
 * at once; a switch waits in the queue at most once. State lives on the reconciler's thread.
 */
public final class Reconciler implements ReconcileService, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final DeviceService devices;
    private final FlowRuleService flows;
    private final GroupService groups;
    private final StatsService stats;
    private final ReconcileConfig config;
    private final ScheduledExecutorService executor;
    private final List<IntentSource> sources = new CopyOnWriteArrayList<>();
    private final Map<Dpid, SwitchSync> switches = new HashMap<>();
    private final ArrayDeque<Dpid> queue = new ArrayDeque<>();
    private final DeviceListener deviceListener = e -> run(() -> onDevice(e));
    private final BatchFailureListener failureListener = f -> run(() -> onFailure(f));
    private final LongAdder passes = new LongAdder();
    private final LongAdder failedPasses = new LongAdder();
    private final LongAdder repairs = new LongAdder();

    /** States for readers on other threads (written on the reconciler's thread). */
    private final Map<Dpid, SyncState> published = new java.util.concurrent.ConcurrentHashMap<>();

    private volatile Set<Dpid> diverged = Set.of();
    private volatile int queued;
    private volatile int runningNow;
    private int running;

    public Reconciler(
            DeviceService devices,
            FlowRuleService flows,
            GroupService groups,
            StatsService stats,
            FlowRuleCounters failures,
            ReconcileConfig config) {
        this.devices = devices;
        this.flows = flows;
        this.groups = groups;
        this.stats = stats;
        this.config = config;
        this.executor =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "weft-reconcile");
                            t.setDaemon(true);
                            return t;
                        });
        failures.addFailureListener(failureListener);
    }

    /** Starts following switches (those connected already get a pass now). */
    public Reconciler start() {
        devices.addListener(deviceListener);
        run(() -> devices.getDevices().forEach(d -> connected(d.dpid())));
        log.info(
                "Reconciler started: every {} s per switch, {} passes at most in flight",
                config.interval().toMillis() / 1000.0,
                config.maxPassesInFlight());
        return this;
    }

    @Override
    public void register(IntentSource source) {
        sources.add(source);
        log.info("Reconciling app '{}' (cookie app id {})", source.name(), source.appId());
    }

    @Override
    public CompletableFuture<PassReport> reconcile(Dpid dpid) {
        CompletableFuture<PassReport> f = new CompletableFuture<>();
        run(
                () -> {
                    SwitchSync s = switches.get(dpid);
                    if (s == null) {
                        f.completeExceptionally(new DeviceNotConnectedException(dpid));
                        return;
                    }
                    s.waiting.add(f);
                    request(dpid, s);
                });
        return f;
    }

    @Override
    public SyncState state(Dpid dpid) {
        return published.getOrDefault(dpid, SyncState.UNKNOWN);
    }

    @Override
    public Set<Dpid> divergedSwitches() {
        return diverged;
    }

    @Override
    public ReconcileStats stats() {
        return new ReconcileStats(
                passes.sum(), failedPasses.sum(), repairs.sum(), queued, runningNow);
    }

    @Override
    public SwitchEntries intended(Dpid dpid) {
        List<org.weft.net.flow.FlowRule> f = new ArrayList<>();
        List<org.weft.net.flow.Group> g = new ArrayList<>();
        for (IntentSource s : sources) {
            SwitchEntries e = s.intended(dpid);
            f.addAll(e.flows());
            g.addAll(e.groups());
        }
        return new SwitchEntries(f, g);
    }

    @Override
    public Set<Integer> ownedApps() {
        Set<Integer> apps = new TreeSet<>();
        sources.forEach(s -> apps.add(s.appId()));
        return apps;
    }

    private void run(Runnable task) {
        try {
            executor.execute(
                    () -> {
                        try {
                            task.run();
                        } catch (RuntimeException e) {
                            log.error("Reconciler task failed", e);
                        }
                    });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("Reconciler stopped; dropping work", e);
        }
    }

    private void onDevice(DeviceEvent e) {
        Dpid dpid = e.subject().dpid();
        switch (e.type()) {
            case DEVICE_CONNECTED -> connected(dpid);
            case DEVICE_DISCONNECTED -> disconnected(dpid);
                // A switch that missed a barrier or stats reply may hold anything.
            case DEVICE_OUT_OF_SYNC -> failedLater(dpid, "a request timed out");
            default -> {}
        }
    }

    private void onFailure(BatchFailure f) {
        failedLater(f.dpid(), f.failed() + " operation(s) not confirmed (" + f.reason() + ")");
    }

    private void connected(Dpid dpid) {
        SwitchSync s = switches.computeIfAbsent(dpid, d -> new SwitchSync());
        if (s.periodic == null) {
            long interval = config.interval().toMillis();
            long phase = Math.floorMod(dpid.hashCode() * 0x9E3779B97F4A7C15L, interval);
            s.periodic =
                    executor.scheduleWithFixedDelay(
                            () -> periodic(dpid), phase, interval, TimeUnit.MILLISECONDS);
        }
        request(dpid, s);
    }

    private void disconnected(Dpid dpid) {
        SwitchSync s = switches.remove(dpid);
        if (s == null) {
            return;
        }
        cancel(s);
        queue.remove(dpid);
        queued = queue.size();
        published.remove(dpid);
        publishDiverged();
        s.waiting.forEach(f -> f.completeExceptionally(new DeviceNotConnectedException(dpid)));
        s.waiting.clear();
        s.inPass.forEach(f -> f.completeExceptionally(new DeviceNotConnectedException(dpid)));
        s.inPass.clear();
    }

    private static void cancel(SwitchSync s) {
        if (s.periodic != null) {
            s.periodic.cancel(false);
        }
        if (s.retry != null) {
            s.retry.cancel(false);
        }
    }

    private void periodic(Dpid dpid) {
        SwitchSync s = switches.get(dpid);
        if (s != null) {
            request(dpid, s);
        }
    }

    /** The switch's tables may differ from intent: a pass after the back-off. */
    private void failedLater(Dpid dpid, String why) {
        SwitchSync s = switches.get(dpid);
        if (s == null) {
            return;
        }
        setState(dpid, s, SyncState.DIVERGED);
        if (s.retry != null && !s.retry.isDone()) {
            return;
        }
        long delay = backoff(s.failuresInARow);
        log.debug("Switch {} diverged ({}); pass in {} ms", dpid, why, delay);
        s.retry =
                executor.schedule(
                        () -> {
                            SwitchSync now = switches.get(dpid);
                            if (now == s) {
                                request(dpid, s);
                            }
                        },
                        delay,
                        TimeUnit.MILLISECONDS);
    }

    private long backoff(int failuresInARow) {
        long min = config.minBackoff().toMillis();
        long max = config.maxBackoff().toMillis();
        int shift = Math.min(Math.max(failuresInARow, 0), 20);
        return Math.min(max, min << shift);
    }

    private void request(Dpid dpid, SwitchSync s) {
        if (s.running) {
            s.again = true;
            return;
        }
        if (!s.queued) {
            s.queued = true;
            queue.add(dpid);
            queued = queue.size();
        }
        startQueued();
    }

    private void startQueued() {
        while (running < config.maxPassesInFlight() && !queue.isEmpty()) {
            Dpid dpid = queue.poll();
            queued = queue.size();
            SwitchSync s = switches.get(dpid);
            if (s == null) {
                continue;
            }
            s.queued = false;
            s.running = true;
            s.inPass.addAll(s.waiting);
            s.waiting.clear();
            running++;
            runningNow = running;
            long start = System.nanoTime();
            pass(dpid)
                    .whenCompleteAsync(
                            (report, e) -> finished(dpid, s, start, report, e), executor);
        }
    }

    private void finished(Dpid dpid, SwitchSync s, long start, PartResult r, Throwable e) {
        running--;
        runningNow = running;
        s.running = false;
        passes.increment();
        long took = System.nanoTime() - start;
        PassReport report;
        if (e != null) {
            Throwable cause =
                    e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            failedPasses.increment();
            report = new PassReport(dpid, SyncState.DIVERGED, 0, 0, 0, 0, took, cause.toString());
            if (switches.get(dpid) == s && !(cause instanceof DeviceNotConnectedException)) {
                log.warn("Reconcile pass of {} failed: {}", dpid, cause.toString());
                s.failuresInARow++;
                failedLater(dpid, cause.toString());
            }
        } else {
            repairs.add(r.operations());
            boolean converged = r.failed() == 0;
            report =
                    new PassReport(
                            dpid,
                            converged ? SyncState.IN_SYNC : SyncState.DIVERGED,
                            r.added(),
                            r.modified(),
                            r.removed(),
                            r.failed(),
                            took,
                            null);
            if (r.operations() > 0) {
                log.info(
                        "Reconciled {}: {} added, {} modified, {} removed, {} not confirmed",
                        dpid,
                        r.added(),
                        r.modified(),
                        r.removed(),
                        r.failed());
            }
            if (switches.get(dpid) == s) {
                if (converged) {
                    s.failuresInARow = 0;
                    setState(dpid, s, SyncState.IN_SYNC);
                } else {
                    failedPasses.increment();
                    s.failuresInARow++;
                    failedLater(dpid, r.failed() + " repair(s) not confirmed");
                }
            }
        }
        List<CompletableFuture<PassReport>> done = List.copyOf(s.inPass);
        s.inPass.clear();
        done.forEach(f -> f.complete(report));
        if (s.again && switches.get(dpid) == s) {
            s.again = false;
            request(dpid, s);
        }
        startQueued();
    }

    private void setState(Dpid dpid, SwitchSync s, SyncState state) {
        s.state = state;
        published.put(dpid, state);
        publishDiverged();
    }

    private void publishDiverged() {
        Set<Dpid> d = new TreeSet<>();
        switches.forEach(
                (dpid, s) -> {
                    if (s.state == SyncState.DIVERGED) {
                        d.add(dpid);
                    }
                });
        diverged = Set.copyOf(d);
    }

    private CompletableFuture<PartResult> pass(Dpid dpid) {
        return Pass.run(dpid, sources, config.removeUnknown(), stats, flows, groups, executor);
    }

    @Override
    public void close() {
        devices.removeListener(deviceListener);
        executor.shutdownNow();
    }
}
