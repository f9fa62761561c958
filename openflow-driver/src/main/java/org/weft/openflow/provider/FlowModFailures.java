package org.weft.openflow.provider;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.Dpid;
import org.weft.net.SwitchErrorException;
import org.weft.net.flow.BatchFailure;
import org.weft.net.flow.BatchFailureListener;
import org.weft.net.flow.BatchResult;
import org.weft.util.LogThrottles;

/**
 * Batches the switches did not fully confirm: counted by switch and reason, counted per second over
 * the last minute, logged (at most once a minute per switch, with a count) and told to the
 * listeners (the reconciler), so a rejected or lost change is repaired instead of forgotten.
 */
final class FlowModFailures {

    private static final Logger log = LoggerFactory.getLogger(FlowModFailures.class);
    private static final int WINDOW_SECONDS = 60;

    private final Map<Dpid, Map<String, LongAdder>> byReason = new ConcurrentHashMap<>();
    private final List<BatchFailureListener> listeners = new CopyOnWriteArrayList<>();
    private final LogThrottles<Dpid> warnings;
    private final LongSupplier nanos;

    /** Failed batches per second of the last minute, by second number modulo the window. */
    private final AtomicLongArray perSecond = new AtomicLongArray(WINDOW_SECONDS);

    private final AtomicLongArray secondOf = new AtomicLongArray(WINDOW_SECONDS);

    FlowModFailures(LongSupplier nanos) {
        this.nanos = nanos;
        this.warnings = new LogThrottles<>(java.time.Duration.ofMinutes(1), nanos);
    }

    void addListener(BatchFailureListener l) {
        listeners.add(l);
    }

    /** Looks at a batch's outcome: a result with rejections, or a timeout. */
    void observe(Dpid dpid, int operations, BatchResult result, Throwable error) {
        Throwable cause =
                error instanceof java.util.concurrent.CompletionException
                                && error.getCause() != null
                        ? error.getCause()
                        : error;
        if (cause instanceof TimeoutException) {
            failed(new BatchFailure(dpid, BatchFailure.TIMEOUT, operations, operations));
        } else if (cause instanceof SwitchErrorException refused) {
            // The barrier itself was refused: nothing of the batch is confirmed.
            failed(
                    new BatchFailure(
                            dpid,
                            refused.errorType() + "/" + refused.errorCode(),
                            operations,
                            operations));
        } else if (result != null && !result.ok()) {
            SwitchErrorException first = result.failures().get(result.failures().firstKey());
            result.failures()
                    .values()
                    .forEach(e -> count(dpid, e.errorType() + "/" + e.errorCode(), 1));
            told(
                    new BatchFailure(
                            dpid,
                            first.errorType() + "/" + first.errorCode(),
                            operations,
                            result.failures().size()));
        }
    }

    /** A batch whose every operation failed for one reason. */
    private void failed(BatchFailure f) {
        count(f.dpid(), f.reason(), f.failed());
        told(f);
    }

    /** Counts the batch in the last minute, logs (rate-limited) and tells the listeners. */
    private void told(BatchFailure f) {
        long second = nanos.getAsLong() / 1_000_000_000L;
        int slot = (int) Math.floorMod(second, (long) WINDOW_SECONDS);
        synchronized (perSecond) {
            if (secondOf.get(slot) != second) {
                secondOf.set(slot, second);
                perSecond.set(slot, 0);
            }
            perSecond.incrementAndGet(slot);
        }
        long left = warnings.admit(f.dpid());
        if (left >= 0) {
            log.warn(
                    "Switch {} did not confirm {} of {} operations ({}); reconciling it ({} more"
                            + " failed batches since the last line)",
                    f.dpid(),
                    f.failed(),
                    f.operations(),
                    f.reason(),
                    left);
        }
        for (BatchFailureListener l : listeners) {
            try {
                l.batchFailed(f);
            } catch (RuntimeException e) {
                log.error("Batch failure listener {} failed", l, e);
            }
        }
    }

    private void count(Dpid dpid, String reason, long n) {
        byReason.computeIfAbsent(dpid, d -> new ConcurrentHashMap<>())
                .computeIfAbsent(reason, r -> new LongAdder())
                .add(n);
    }

    Map<Dpid, Map<String, Long>> byReason() {
        Map<Dpid, Map<String, Long>> out = new java.util.TreeMap<>();
        byReason.forEach(
                (d, m) -> {
                    Map<String, Long> r = new java.util.TreeMap<>();
                    m.forEach((k, v) -> r.put(k, v.sum()));
                    out.put(d, r);
                });
        return out;
    }

    int lastMinute() {
        long now = nanos.getAsLong() / 1_000_000_000L;
        long sum = 0;
        for (int i = 0; i < WINDOW_SECONDS; i++) {
            if (now - secondOf.get(i) < WINDOW_SECONDS) {
                sum += perSecond.get(i);
            }
        }
        return (int) sum;
    }
}
