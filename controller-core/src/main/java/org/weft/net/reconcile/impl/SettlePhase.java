package org.weft.net.reconcile.impl;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.Dpid;
import org.weft.time.TimeSource;

/**
 * The reconciler's time right after start while the fabric is still connecting ({@link
 * SettleWindow}): which switches' passes held removals back, the timer that ends the window, and
 * what is counted and logged about it. On the reconciler's thread, except {@link #isSettling()} and
 * {@link #heldBackTotal()}.
 */
final class SettlePhase {

    private static final Logger log = LoggerFactory.getLogger(SettlePhase.class);

    private final ReconcileConfig config;
    private final TimeSource time;

    /** Hands a task to the reconciler's thread. */
    private final Consumer<Runnable> run;

    private final LongAdder heldBack = new LongAdder();

    /** Switches whose last pass held removals back while the fabric settled. */
    private final Set<Dpid> heldBackOn = new HashSet<>();

    /** Open from start until the fabric settled; null when the config does not settle. */
    private SettleWindow window;

    private Future<?> timer;
    private volatile boolean settlingNow;

    SettlePhase(ReconcileConfig config, TimeSource time, Consumer<Runnable> run) {
        this.config = config;
        this.time = time;
        this.run = run;
    }

    /**
     * Opens the window (when the configuration settles), before any switch is followed; {@code
     * onSettled} gets the switches whose passes held removals back, once it ends.
     */
    void start(List<String> heldBackApps, Consumer<Set<Dpid>> onSettled) {
        if (!config.settles()) {
            return;
        }
        window = new SettleWindow(config.settleQuiet(), config.settleMax(), time.nanos());
        settlingNow = true;
        log.info(
                "Reconciler holds back removing entries of {} not intended yet until no switch"
                        + " has connected for {} s (at most {} s)",
                heldBackApps,
                config.settleQuiet().toMillis() / 1000.0,
                config.settleMax().toMillis() / 1000.0);
        run.accept(() -> scheduleCheck(onSettled));
    }

    /** Whether passes hold removals back now. */
    boolean settling() {
        return window != null && !window.settled();
    }

    /** {@link #settling()} for readers on other threads. */
    boolean isSettling() {
        return settlingNow;
    }

    long heldBackTotal() {
        return heldBack.sum();
    }

    /** A switch connected (the quiet period starts again while settling). */
    void connected() {
        if (settling()) {
            window.connected(time.nanos());
        }
    }

    void disconnected(Dpid dpid) {
        heldBackOn.remove(dpid);
    }

    /** A pass held {@code n} removals back (counted, whether settling or not). */
    void counted(int n) {
        heldBack.add(n);
    }

    /**
     * The switch's pass converged but for removals held back: true when it waits for the fabric to
     * settle, false when the window has ended meanwhile (it needs a pass again now).
     */
    boolean waitForSettled(Dpid dpid) {
        if (!settling()) {
            return false;
        }
        heldBackOn.add(dpid);
        return true;
    }

    void close() {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void scheduleCheck(Consumer<Set<Dpid>> onSettled) {
        long delay = Math.max(0, window.dueNanos() - time.nanos());
        timer = time.schedule(Duration.ofNanos(delay), () -> run.accept(() -> check(onSettled)));
    }

    /** Ends the window when it is due (else waits for its new end). */
    private void check(Consumer<Set<Dpid>> onSettled) {
        long now = time.nanos();
        if (!window.endIfDue(now)) {
            if (settling()) {
                scheduleCheck(onSettled);
            }
            return;
        }
        settlingNow = false;
        log.info(
                "Fabric settled {} s after start ({}; {} switch connects): passes of the {}"
                        + " switch(es) with removals held back ({} held back so far, counted per"
                        + " pass)",
                window.sinceStartNanos(now) / 1_000_000 / 1000.0,
                window.capped()
                        ? "switches still connecting at the cap of "
                                + config.settleMax().toMillis() / 1000.0
                                + " s"
                        : "no switch connected for "
                                + config.settleQuiet().toMillis() / 1000.0
                                + " s",
                window.connects(),
                heldBackOn.size(),
                heldBack.sum());
        onSettled.accept(Set.copyOf(heldBackOn));
        heldBackOn.clear();
    }
}
