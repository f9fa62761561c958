package org.weft.net.reconcile.impl;

import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.Dpid;
import org.weft.net.reconcile.PassReport;
import org.weft.net.reconcile.SyncState;

/**
 * What the reconciler's passes came to: each pass's report and its log line, and the counts since
 * start (passes, failed passes, repairs sent) that {@code ReconcileStats} shows. Any thread.
 */
final class PassOutcomes {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final LongAdder passes = new LongAdder();
    private final LongAdder failedPasses = new LongAdder();
    private final LongAdder repairs = new LongAdder();

    /** A pass that ended in {@code e}: its report, with the failure's cause. */
    PassReport failed(Dpid dpid, long tookNanos, Throwable e) {
        passes.increment();
        failedPasses.increment();
        return new PassReport(
                dpid, SyncState.DIVERGED, 0, 0, 0, 0, 0, tookNanos, cause(e).toString());
    }

    /** The cause of a pass's failure, out of the future's wrapping. */
    static Throwable cause(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    /** A pass that ran to its end: its report; the repairs it sent are counted and logged. */
    PassReport done(Dpid dpid, long tookNanos, PartResult r) {
        passes.increment();
        repairs.add(r.operations());
        log.debug("Pass of {} done in {} ms", dpid, tookNanos / 1_000_000);
        if (r.operations() > 0 || r.heldBack() > 0) {
            log.info(
                    "Reconciled {}: {} added, {} modified, {} removed, {} not confirmed{}",
                    dpid,
                    r.added(),
                    r.modified(),
                    r.removed(),
                    r.failed(),
                    r.heldBack() > 0
                            ? "; " + r.heldBack() + " removals held back until the fabric settles"
                            : "");
        }
        return r.report(dpid, tookNanos);
    }

    /** A pass that ended with repairs the switch did not confirm counts as failed. */
    void repairsNotConfirmed() {
        failedPasses.increment();
    }

    long passes() {
        return passes.sum();
    }

    long failedPasses() {
        return failedPasses.sum();
    }

    long repairs() {
        return repairs.sum();
    }
}
