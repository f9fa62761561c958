package org.weft.net.reconcile.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.weft.net.reconcile.PassReport;

/**
 * One switch's reconciliation: its timers, place in the queue and waiters (the reconciler's thread
 * only).
 */
final class SwitchSync {
    Future<?> periodic;
    Future<?> retry;

    /** A put-off periodic pass is to be looked at again ({@code putOffSince} set). */
    Future<?> putOff;

    /** When the periodic pass now put off was due ({@link java.lang.System#nanoTime} scale). */
    long putOffSince;

    /** A retry is scheduled and has not started yet. */
    boolean retryPending;

    int failuresInARow;
    boolean queued;
    boolean running;
    boolean again;

    /** Callers waiting for the next pass to start and finish. */
    final List<CompletableFuture<PassReport>> waiting = new ArrayList<>();

    /** Callers waiting for the running pass. */
    final List<CompletableFuture<PassReport>> inPass = new ArrayList<>();

    void cancelTimers() {
        if (periodic != null) {
            periodic.cancel(false);
        }
        if (retry != null) {
            retry.cancel(false);
        }
        if (putOff != null) {
            putOff.cancel(false);
        }
    }
}
