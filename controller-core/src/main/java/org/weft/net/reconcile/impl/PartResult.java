package org.weft.net.reconcile.impl;

import org.weft.net.Dpid;
import org.weft.net.reconcile.PassReport;
import org.weft.net.reconcile.SyncState;

/**
 * What a pass (or one app's part of it) sent to converge a switch, what was not confirmed, and the
 * removals it held back while the fabric was settling ({@link SettleWindow}).
 */
record PartResult(int added, int modified, int removed, int failed, int heldBack) {

    static final PartResult NONE = new PartResult(0, 0, 0, 0, 0);

    PartResult(int added, int modified, int removed, int failed) {
        this(added, modified, removed, failed, 0);
    }

    int operations() {
        return added + modified + removed;
    }

    /** Whether the pass left the switch equal to intent: nothing unconfirmed, nothing held back. */
    boolean converged() {
        return failed == 0 && heldBack == 0;
    }

    /** The report of a pass that ended with this result after {@code tookNanos}. */
    PassReport report(Dpid dpid, long tookNanos) {
        return new PassReport(
                dpid,
                converged() ? SyncState.IN_SYNC : SyncState.DIVERGED,
                added,
                modified,
                removed,
                failed,
                heldBack,
                tookNanos,
                null);
    }

    PartResult plus(PartResult o) {
        return new PartResult(
                added + o.added,
                modified + o.modified,
                removed + o.removed,
                failed + o.failed,
                heldBack + o.heldBack);
    }
}
