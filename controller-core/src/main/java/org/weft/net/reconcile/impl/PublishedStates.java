package org.weft.net.reconcile.impl;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.weft.net.Dpid;
import org.weft.net.reconcile.SyncState;

/**
 * The switches' sync states as readers on other threads see them (REST, health, metrics): written
 * on the reconciler's thread, read from any.
 */
final class PublishedStates {

    private final Map<Dpid, SyncState> states = new ConcurrentHashMap<>();
    private volatile Set<Dpid> diverged = Set.of();

    void set(Dpid dpid, SyncState state) {
        if (states.put(dpid, state) != state) {
            publishDiverged();
        }
    }

    void remove(Dpid dpid) {
        if (states.remove(dpid) != null) {
            publishDiverged();
        }
    }

    SyncState get(Dpid dpid) {
        return states.getOrDefault(dpid, SyncState.UNKNOWN);
    }

    /** The switches whose state is {@link SyncState#DIVERGED}, in DPID order. */
    Set<Dpid> diverged() {
        return diverged;
    }

    private void publishDiverged() {
        Set<Dpid> d = new TreeSet<>();
        states.forEach(
                (dpid, s) -> {
                    if (s == SyncState.DIVERGED) {
                        d.add(dpid);
                    }
                });
        diverged = Set.copyOf(d);
    }
}
