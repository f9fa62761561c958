package org.weft.net.reconcile.impl;

import org.weft.net.Dpid;
import org.weft.net.reconcile.PassReport;
import org.weft.net.reconcile.SyncState;

/** What a pass (or one app's part of it) sent to converge a switch, and what was not confirmed. */
record PartResult(int added, int modified, int removed, int failed) {

    static final PartResult NONE = new PartResult(0, 0, 0, 0);

    int operations() {
        return added + modified + removed;
    }

    /** The report of a pass that ended with this result after {@code tookNanos}. */
    PassReport report(Dpid dpid, long tookNanos) {
        return new PassReport(
                dpid,
                failed == 0 ? SyncState.IN_SYNC : SyncState.DIVERGED,
                added,
                modified,
                removed,
                failed,
                tookNanos,
                null);
    }

    PartResult plus(PartResult o) {
        return new PartResult(
                added + o.added, modified + o.modified, removed + o.removed, failed + o.failed);
    }
}
