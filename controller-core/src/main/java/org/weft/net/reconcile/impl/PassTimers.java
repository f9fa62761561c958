package org.weft.net.reconcile.impl;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.Dpid;
import org.weft.net.reconcile.IntentSource;
import org.weft.net.reconcile.SyncState;
import org.weft.time.TimeSource;

/**
 * When the reconciler asks for a switch's next pass: periodically (put off while an app changes
 * switches), and after a failure (with back-off). Runs on the reconciler's thread; a timer's task
 * goes back to it through {@code run}, and a pass falling due through {@code request}.
 */
final class PassTimers {

    private static final Logger log = LoggerFactory.getLogger(PassTimers.class);

    /** How often a put-off periodic pass looks again whether the apps are done. */
    static final Duration PUT_OFF_RECHECK = Duration.ofMillis(500);

    private final ReconcileConfig config;
    private final TimeSource time;
    private final IntentSources sources;
    private final Map<Dpid, SwitchSync> switches;
    private final PublishedStates published;
    private final Consumer<Runnable> run;
    private final BiConsumer<Dpid, SwitchSync> request;
    private final LongAdder putOff = new LongAdder();

    PassTimers(
            ReconcileConfig config,
            TimeSource time,
            IntentSources sources,
            Map<Dpid, SwitchSync> switches,
            PublishedStates published,
            Consumer<Runnable> run,
            BiConsumer<Dpid, SwitchSync> request) {
        this.config = config;
        this.time = time;
        this.sources = sources;
        this.switches = switches;
        this.published = published;
        this.run = run;
        this.request = request;
    }

    /** Periodic passes put off so far (each look that found an app still changing counts). */
    long putOff() {
        return putOff.sum();
    }

    /**
     * Once the switch's first pass (the one on connect) ended, whatever its outcome: its periodic
     * passes, the first no sooner than half an interval later ({@link
     * ReconcileConfig#firstPeriodic}). Timed from the pass, not the connect: on a large fabric the
     * passes on connect wait their turn for seconds.
     */
    void startPeriodic(Dpid dpid, SwitchSync s) {
        s.periodic =
                time.scheduleWithFixedDelay(
                        config.firstPeriodic(dpid),
                        config.interval(),
                        () -> run.accept(() -> periodic(dpid)));
    }

    private void periodic(Dpid dpid) {
        SwitchSync s = switches.get(dpid);
        if (s == null || s.putOff != null) {
            return;
        }
        if (sources.anyChangingSwitches()) {
            s.putOffSince = time.nanos();
            putOffLater(dpid, s);
            return;
        }
        request.accept(dpid, s);
    }

    /**
     * Puts a periodic pass off while an app is changing switches ({@link
     * IntentSource#changingSwitches}), looking again every {@link #PUT_OFF_RECHECK}; it runs once
     * they are done, or anyway once it has waited an interval.
     */
    private void putOffLater(Dpid dpid, SwitchSync s) {
        putOff.increment();
        s.putOff = time.schedule(PUT_OFF_RECHECK, () -> run.accept(() -> lookAgain(dpid, s)));
    }

    private void lookAgain(Dpid dpid, SwitchSync s) {
        if (switches.get(dpid) != s) {
            return;
        }
        if (sources.anyChangingSwitches()
                && time.nanos() - s.putOffSince < config.interval().toNanos()) {
            putOffLater(dpid, s);
            return;
        }
        s.putOff = null;
        request.accept(dpid, s);
    }

    /** The switch's tables may differ from intent: a pass after the back-off. */
    void failedLater(Dpid dpid, String why) {
        SwitchSync s = switches.get(dpid);
        if (s == null) {
            return;
        }
        published.set(dpid, SyncState.DIVERGED);
        if (s.retryPending) {
            return;
        }
        Duration delay = config.backoff(s.failuresInARow);
        log.debug("Switch {} diverged ({}); pass in {} ms", dpid, why, delay.toMillis());
        s.retryPending = true;
        s.retry = time.schedule(delay, () -> run.accept(() -> retry(dpid, s)));
    }

    private void retry(Dpid dpid, SwitchSync s) {
        s.retryPending = false;
        if (switches.get(dpid) == s) {
            request.accept(dpid, s);
        }
    }
}
