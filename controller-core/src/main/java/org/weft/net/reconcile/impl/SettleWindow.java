package org.weft.net.reconcile.impl;

import java.time.Duration;

/**
 * Whether the fabric is still connecting after Weft started: it has settled once no switch
 * connected for {@code quiet}, and at the latest {@code max} after the start, however switches keep
 * connecting (a flapping switch cannot hold it open). Once settled it stays settled. The
 * reconciler's thread only; times are {@code TimeSource.nanos()}.
 */
final class SettleWindow {

    private final long quietNanos;
    private final long startNanos;
    private final long deadlineNanos;
    private long lastConnectNanos;
    private int connects;
    private boolean settled;
    private boolean capped;

    SettleWindow(Duration quiet, Duration max, long nowNanos) {
        this.quietNanos = quiet.toNanos();
        this.startNanos = nowNanos;
        this.deadlineNanos = nowNanos + max.toNanos();
        this.lastConnectNanos = nowNanos;
    }

    /** A switch connected (restarts the quiet period while the window is open). */
    void connected(long nowNanos) {
        if (!settled) {
            lastConnectNanos = nowNanos;
            connects++;
        }
    }

    boolean settled() {
        return settled;
    }

    /** When the window ends unless another switch connects first. */
    long dueNanos() {
        return Math.min(lastConnectNanos + quietNanos, deadlineNanos);
    }

    /** Ends the window if it is due at {@code nowNanos}; whether it ended now. */
    boolean endIfDue(long nowNanos) {
        if (settled || nowNanos < dueNanos()) {
            return false;
        }
        settled = true;
        capped = lastConnectNanos + quietNanos > deadlineNanos;
        return true;
    }

    /** Whether it ended at {@code max} with switches still connecting. */
    boolean capped() {
        return capped;
    }

    /** Switch connects while it was open. */
    int connects() {
        return connects;
    }

    long sinceStartNanos(long nowNanos) {
        return nowNanos - startNanos;
    }
}
