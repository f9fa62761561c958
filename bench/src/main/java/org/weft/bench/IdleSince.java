package org.weft.bench;

/**
 * Since when routing has been seen idle with no change issued by it or by the reconciler: the
 * moment the switches confirmed routing's last change, to the 5 ms of the polling. A table
 * comparison that later finds the switches holding routing's intent, with both counters still where
 * they were at that moment, shows the switches held it from that moment on (nothing was written to
 * them in between), so the routes converged then, not when the comparison ran.
 */
final class IdleSince {

    private boolean idle;
    private long since;
    private long changes = -1;
    private long repairs = -1;

    /** Routing is busy: the idleness seen so far ends. */
    void busy() {
        idle = false;
    }

    /** Routing is idle now, with these counts; idleness starts again if they moved. */
    void seen(long now, long changesIssued, long reconcilerRepairs) {
        if (!idle || changesIssued != changes || reconcilerRepairs != repairs) {
            idle = true;
            since = now;
            changes = changesIssued;
            repairs = reconcilerRepairs;
        }
    }

    long since() {
        return since;
    }

    /** Whether the counts are still those of the idleness seen. */
    boolean unchanged(long changesIssued, long reconcilerRepairs) {
        return changesIssued == changes && reconcilerRepairs == repairs;
    }
}
