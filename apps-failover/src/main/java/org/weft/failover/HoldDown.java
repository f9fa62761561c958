package org.weft.failover;

import org.weft.net.routing.RouteChange;

/**
 * When to re-optimise after recoveries and attribute changes: {@code holdDown} after the last one,
 * each new one restarting the wait, but never later than {@code maxHoldDowns} hold-downs after the
 * first of a run, so a link that keeps flapping still gets its re-optimisation. A recovery's cause
 * wins over an attribute change's. Pure: time is given, so tests run on virtual time.
 */
final class HoldDown {

    private final long holdDownNanos;
    private final int maxHoldDowns;
    private boolean pending;
    private long deadlineNanos;
    private RouteChange.Cause cause;

    HoldDown(long holdDownNanos, int maxHoldDowns) {
        this.holdDownNanos = holdDownNanos;
        this.maxHoldDowns = maxHoldDowns;
    }

    /** A change at {@code nowNanos}: how long from now the re-optimisation should wait. */
    long changed(RouteChange.Cause c, long nowNanos) {
        if (!pending) {
            pending = true;
            deadlineNanos = nowNanos + maxHoldDowns * holdDownNanos;
            cause = c;
        } else if (c == RouteChange.Cause.RECOVERY) {
            cause = c;
        }
        return Math.min(holdDownNanos, Math.max(0, deadlineNanos - nowNanos));
    }

    /** The re-optimisation runs now: its cause; the next change starts a new run. */
    RouteChange.Cause fire() {
        pending = false;
        return cause;
    }

    boolean isPending() {
        return pending;
    }
}
