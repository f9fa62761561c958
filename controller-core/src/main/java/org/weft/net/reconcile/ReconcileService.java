package org.weft.net.reconcile;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.weft.net.Dpid;

/**
 * Converges every switch's tables to the apps' intent: on connect, after a batch the switch did not
 * fully confirm (with back-off), and periodically, spread over the interval.
 */
public interface ReconcileService {

    /** Adds an app's intent; its cookie space is reconciled from the next pass on. */
    void register(IntentSource source);

    /** Runs a pass of the switch as soon as the in-flight limit allows. */
    CompletableFuture<PassReport> reconcile(Dpid dpid);

    /** The switch's state as the last pass (or a failed batch since) left it. */
    SyncState state(Dpid dpid);

    /** Connected switches whose tables differ from intent. */
    Set<Dpid> divergedSwitches();

    ReconcileStats stats();

    /** What every registered app intends on the switch now (flows and groups, all apps). */
    SwitchEntries intended(Dpid dpid);

    /** The cookie app ids the reconciler converges (one per registered app). */
    java.util.Set<Integer> ownedApps();
}
