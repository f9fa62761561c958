package org.weft.net.reconcile.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import org.weft.net.reconcile.PassReport;
import org.weft.net.reconcile.SyncState;

/**
 * One switch's reconciliation: its state, timers, place in the queue and waiters (the reconciler's
 * thread only).
 */
final class SwitchSync {
    SyncState state = SyncState.UNKNOWN;
    ScheduledFuture<?> periodic;
    ScheduledFuture<?> retry;
    int failuresInARow;
    boolean queued;
    boolean running;
    boolean again;

    /** Callers waiting for the next pass to start and finish. */
    final List<CompletableFuture<PassReport>> waiting = new ArrayList<>();

    /** Callers waiting for the running pass. */
    final List<CompletableFuture<PassReport>> inPass = new ArrayList<>();
}
