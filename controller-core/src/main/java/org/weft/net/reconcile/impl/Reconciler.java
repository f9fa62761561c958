package org.weft.net.reconcile.impl;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.DeviceNotConnectedException;
import org.weft.net.Dpid;
import org.weft.net.device.DeviceService;
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
import org.weft.time.TimeSource;

/**
 * The one reconciler: for each connected switch, a pass per app reads the app's entries (flow stats
 * filtered by its cookie, group descriptions of its groups), diffs them against the app's intent
 * and sends what converges them ({@link EntryDiff}), inside the app's own ordering ({@link
 * IntentSource#exclusive}). Passes run when a switch connects, after a batch it did not fully
 * confirm or a pass that failed (backing off from {@code minBackoff} to {@code maxBackoff}), and
 * every {@code interval} at a phase set by the switch's DPID. Right after start, while the fabric
 * is still connecting ({@link SettleWindow}), passes hold back removing the entries of apps that
 * learn their intent after start ({@link IntentSource#learnsIntentAfterStart}); once it settled,
 * every switch with entries held back gets a pass. At most {@code maxPassesInFlight} run at once; a
 * switch waits in the queue at most once. State lives on the reconciler's executor (a thread of its
 * own unless one is given); timers come from the {@link TimeSource} and hand their work to that
 * executor.
 */
public final class Reconciler implements ReconcileService, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final DeviceService devices;
    private final FlowRuleService flows;
    private final GroupService groups;
    private final StatsService stats;
    private final ReconcileConfig config;
    private final TimeSource time;
    private final Executor executor;
    private final ExecutorService ownExecutor;
    private final IntentSources sources = new IntentSources();
    private final Map<Dpid, SwitchSync> switches = new HashMap<>();
    private final SwitchEvents switchEvents = new SwitchEvents();
    private final PassQueue queue;
    private final PassRequests requests;
    private final SwitchEventFeed feed =
            new SwitchEventFeed(switchEvents, () -> run(this::handleSwitchEvents));
    private final PassOutcomes outcomes = new PassOutcomes();
    private final SettlePhase settle;
    private final PassTimers timers;

    private final PublishedStates published = new PublishedStates();
    private volatile boolean closed;

    /** A reconciler whose state lives on a thread of its own ("weft-reconcile"). */
    public Reconciler(
            DeviceService devices,
            FlowRuleService flows,
            GroupService groups,
            StatsService stats,
            FlowRuleCounters failures,
            ReconcileConfig config,
            TimeSource time) {
        this(devices, flows, groups, stats, failures, config, time, null);
    }

    /**
     * @param time the timers of periodic passes and back-off, and the clock of passes' durations
     * @param executor where the reconciler's state lives and passes continue: it must run one task
     *     at a time, in order (tests: {@code
     *     MoreExecutors.newSequentialExecutor(directExecutor())}); null for a thread of its own
     */
    public Reconciler(
            DeviceService devices,
            FlowRuleService flows,
            GroupService groups,
            StatsService stats,
            FlowRuleCounters failures,
            ReconcileConfig config,
            TimeSource time,
            Executor executor) {
        this.devices = devices;
        this.flows = flows;
        this.groups = groups;
        this.stats = stats;
        this.config = config;
        this.time = checkNotNull(time, "time");
        this.ownExecutor =
                executor != null
                        ? null
                        : Executors.newSingleThreadExecutor(
                                new ThreadFactoryBuilder()
                                        .setNameFormat("weft-reconcile")
                                        .setDaemon(true)
                                        .build());
        this.executor = executor != null ? executor : ownExecutor;
        this.queue = new PassQueue(config.maxPassesInFlight());
        this.requests =
                new PassRequests(PassRequests.MAX_OUTSTANDING, () -> run(this::handleRequests));
        this.settle = new SettlePhase(config, this.time, this::run);
        this.timers =
                new PassTimers(
                        config, this.time, sources, switches, published, this::run, this::request);
        failures.addFailureListener(feed);
    }

    /** Starts following switches (those connected already get a pass now). */
    public Reconciler start() {
        // Before the listener: the first connect's pass must already see the window open.
        settle.start(
                sources.all().stream()
                        .filter(IntentSource::learnsIntentAfterStart)
                        .map(IntentSource::name)
                        .toList(),
                this::settled);
        devices.addListener(feed);
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
        source.passOnRequest(
                dpid ->
                        reconcile(dpid)
                                .whenComplete(
                                        (r, e) -> {
                                            if (e != null) {
                                                log.debug(
                                                        "Pass of {} asked for by '{}' not run: {}",
                                                        dpid,
                                                        source.name(),
                                                        e.toString());
                                            }
                                        }));
        log.info("Reconciling app '{}' (cookie app id {})", source.name(), source.appId());
    }

    @Override
    public CompletableFuture<PassReport> reconcile(Dpid dpid) {
        return requests.request(dpid);
    }

    /** Hands every pass asked for on demand to its switch ({@link PassRequests}). */
    private void handleRequests() {
        requests.take()
                .forEach(
                        (dpid, waiting) -> {
                            SwitchSync s = switches.get(dpid);
                            if (s == null) {
                                waiting.forEach(
                                        f ->
                                                f.completeExceptionally(
                                                        new DeviceNotConnectedException(dpid)));
                                return;
                            }
                            s.waiting.addAll(waiting);
                            request(dpid, s);
                        });
    }

    @Override
    public SyncState state(Dpid dpid) {
        return published.get(dpid);
    }

    @Override
    public Set<Dpid> divergedSwitches() {
        return published.diverged();
    }

    @Override
    public ReconcileStats stats() {
        return new ReconcileStats(
                outcomes.passes(),
                outcomes.failedPasses(),
                outcomes.repairs(),
                queue.waiting(),
                queue.running(),
                settle.heldBackTotal(),
                settle.isSettling(),
                timers.putOff(),
                switchEvents.folded(),
                requests.refused());
    }

    @Override
    public SwitchEntries intended(Dpid dpid) {
        return sources.intended(dpid);
    }

    @Override
    public Set<Integer> ownedApps() {
        return sources.ownedApps();
    }

    private void run(Runnable task) {
        try {
            executor.execute(
                    () -> {
                        if (closed) {
                            return;
                        }
                        try {
                            task.run();
                        } catch (RuntimeException e) {
                            log.error("Reconciler task failed", e);
                        }
                    });
        } catch (RejectedExecutionException e) {
            log.debug("Reconciler stopped; dropping work", e);
        }
    }

    /** Handles every switch event pending ({@link SwitchEventFeed}). */
    private void handleSwitchEvents() {
        switchEvents
                .take()
                .forEach(
                        (dpid, p) -> {
                            if (p.disconnected) {
                                disconnected(dpid);
                            }
                            if (p.connected) {
                                connected(dpid);
                            } else if (p.connectSeen) {
                                settle.connected();
                            }
                            if (p.diverged != null) {
                                timers.failedLater(dpid, p.diverged);
                            }
                        });
    }

    private void connected(Dpid dpid) {
        settle.connected();
        SwitchSync s = switches.computeIfAbsent(dpid, d -> new SwitchSync());
        request(dpid, s);
    }

    private void disconnected(Dpid dpid) {
        SwitchSync s = switches.remove(dpid);
        if (s == null) {
            return;
        }
        s.cancelTimers();
        settle.disconnected(dpid);
        queue.remove(dpid);
        published.remove(dpid);
        s.waiting.forEach(f -> f.completeExceptionally(new DeviceNotConnectedException(dpid)));
        s.waiting.clear();
        s.inPass.forEach(f -> f.completeExceptionally(new DeviceNotConnectedException(dpid)));
        s.inPass.clear();
    }

    private void request(Dpid dpid, SwitchSync s) {
        if (s.running) {
            s.again = true;
            return;
        }
        queue.add(dpid, s);
        startQueued();
    }

    private void startQueued() {
        Dpid dpid;
        while ((dpid = queue.next()) != null) {
            SwitchSync s = switches.get(dpid);
            if (s == null) {
                queue.ended();
                continue;
            }
            s.queued = false;
            s.running = true;
            s.inPass.addAll(s.waiting);
            s.waiting.clear();
            long start = time.nanos();
            Dpid started = dpid;
            pass(dpid)
                    .whenCompleteAsync(
                            (report, e) -> finished(started, s, start, report, e), executor);
        }
    }

    private void finished(Dpid dpid, SwitchSync s, long start, PartResult r, Throwable e) {
        queue.ended();
        s.running = false;
        long took = time.nanos() - start;
        PassReport report;
        if (e != null) {
            Throwable cause = PassOutcomes.cause(e);
            report = outcomes.failed(dpid, took, e);
            if (switches.get(dpid) == s && !(cause instanceof DeviceNotConnectedException)) {
                log.warn("Reconcile pass of {} failed: {}", dpid, cause.toString());
                s.failuresInARow++;
                timers.failedLater(dpid, cause.toString());
            }
        } else {
            settle.counted(r.heldBack());
            report = outcomes.done(dpid, took, r);
            if (switches.get(dpid) == s) {
                if (r.converged()) {
                    s.failuresInARow = 0;
                    published.set(dpid, SyncState.IN_SYNC);
                } else if (r.failed() == 0) {
                    // Only removals held back: no back-off; the pass after the fabric settled.
                    s.failuresInARow = 0;
                    published.set(dpid, SyncState.DIVERGED);
                    if (!settle.waitForSettled(dpid)) {
                        s.again = true;
                    }
                } else {
                    outcomes.repairsNotConfirmed();
                    s.failuresInARow++;
                    timers.failedLater(dpid, r.failed() + " repair(s) not confirmed");
                }
            }
        }
        if (s.periodic == null && switches.get(dpid) == s) {
            timers.startPeriodic(dpid, s);
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

    private CompletableFuture<PartResult> pass(Dpid dpid) {
        return Pass.run(
                dpid,
                sources.all(),
                settle.settling(),
                config.removeUnknown(),
                stats,
                flows,
                groups,
                executor);
    }

    /** The fabric settled: a pass of every switch whose entries were held back or in a pass. */
    private void settled(Set<Dpid> heldBackOn) {
        // Passes running now started while settling: they may have held back too.
        switches.forEach(
                (dpid, s) -> {
                    if (heldBackOn.contains(dpid) || s.running) {
                        request(dpid, s);
                    }
                });
    }

    /** Stops following switches and cancels every timer; work still queued is dropped. */
    @Override
    public void close() {
        devices.removeListener(feed);
        closed = true; // tasks still queued are dropped; this one cancels the timers
        try {
            executor.execute(
                    () -> {
                        switches.values().forEach(SwitchSync::cancelTimers);
                        settle.close();
                    });
        } catch (RejectedExecutionException e) {
            log.debug("Reconciler closed twice", e);
        }
        if (ownExecutor != null
                && !MoreExecutors.shutdownAndAwaitTermination(ownExecutor, Duration.ofSeconds(2))) {
            log.warn("Reconciler still busy after 2 s at shutdown");
        }
    }
}
