package org.weft.net.reconcile;

import org.weft.net.Dpid;

/**
 * One reconcile pass of one switch.
 *
 * @param added entries (flows and groups) that were missing and were sent
 * @param modified entries that differed and were replaced
 * @param removed entries the switch held that no app wants
 * @param failed operations the switch rejected or did not confirm
 * @param heldBack removals not sent because the fabric was still settling after Weft started (the
 *     switch is {@link SyncState#DIVERGED} until the pass after the fabric settled)
 * @param error why the pass could not finish (null when it did)
 */
public record PassReport(
        Dpid dpid,
        SyncState state,
        int added,
        int modified,
        int removed,
        int failed,
        int heldBack,
        long durationNanos,
        String error) {

    public int changes() {
        return added + modified + removed;
    }
}
