package org.weft.net.reconcile.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.weft.net.Dpid;
import org.weft.net.reconcile.PassReport;

/**
 * Passes asked for on demand ({@code ReconcileService.reconcile}), from any thread: folded per
 * switch until the reconciler's executor takes them, with one task queued for all that are pending,
 * and at most {@code maxOutstanding} unanswered at once (a caller asking faster than passes run is
 * refused at once, and counted, instead of filling the executor's queue).
 */
final class PassRequests {

    /** Requests unanswered at once, over all switches, by default. */
    static final int MAX_OUTSTANDING = 10_000;

    private final int maxOutstanding;
    private final Runnable queueHandling;
    private final Map<Dpid, List<CompletableFuture<PassReport>>> pending = new HashMap<>();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final LongAdder refused = new LongAdder();

    /**
     * @param queueHandling queues the task that {@linkplain #take takes} what is pending
     */
    PassRequests(int maxOutstanding, Runnable queueHandling) {
        this.maxOutstanding = maxOutstanding;
        this.queueHandling = queueHandling;
    }

    /** A pass of {@code dpid} asked for: its report once the pass ends. */
    CompletableFuture<PassReport> request(Dpid dpid) {
        CompletableFuture<PassReport> f = new CompletableFuture<>();
        if (outstanding.incrementAndGet() > maxOutstanding) {
            outstanding.decrementAndGet();
            refused.increment();
            f.completeExceptionally(
                    new RejectedExecutionException(
                            maxOutstanding + " reconcile requests are waiting already"));
            return f;
        }
        f.whenComplete((r, e) -> outstanding.decrementAndGet());
        boolean first;
        synchronized (pending) {
            first = pending.isEmpty();
            pending.computeIfAbsent(dpid, d -> new ArrayList<>()).add(f);
        }
        if (first) {
            queueHandling.run();
        }
        return f;
    }

    /** What is pending, by switch; nothing is pending after. */
    Map<Dpid, List<CompletableFuture<PassReport>>> take() {
        synchronized (pending) {
            Map<Dpid, List<CompletableFuture<PassReport>>> taken = new HashMap<>(pending);
            pending.clear();
            return taken;
        }
    }

    /** Requests refused since start because {@code maxOutstanding} were unanswered. */
    long refused() {
        return refused.sum();
    }
}
