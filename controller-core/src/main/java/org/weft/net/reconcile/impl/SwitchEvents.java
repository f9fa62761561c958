package org.weft.net.reconcile.impl;

import java.util.LinkedHashMap;
import java.util.Map;
import org.weft.net.Dpid;

/**
 * The device and batch-failure events the reconciler has not handled yet, folded per switch:
 * however fast a switch connects, drops, times out or fails batches (or any switch changes ports,
 * which the reconciler ignores), it holds one entry, saying what is still to do for it and in which
 * order: forget it, take it on, mark it diverged. The reconciler's queue then holds one task for
 * all of them, so what it holds is bounded by the switches, not by the events. Any thread adds; the
 * reconciler's thread takes.
 */
final class SwitchEvents {

    /** What is still to do for one switch, in this order. */
    static final class Pending {
        /** It disconnected: forget it (timers, queue place, waiters). */
        boolean disconnected;

        /** It is connected (after any disconnect above): take it on, with a pass. */
        boolean connected;

        /** A connect came, even if a disconnect undid it: the settle window counts it. */
        boolean connectSeen;

        /** Why its tables may differ from intent (the latest reason); null if nothing says so. */
        String diverged;
    }

    private final Map<Dpid, Pending> pending = new LinkedHashMap<>();
    private long folded;

    /**
     * The switch connected; true when the caller must queue a {@link #take} (nothing was pending
     * before).
     */
    synchronized boolean connected(Dpid dpid) {
        boolean first = pending.isEmpty();
        Pending p = entry(dpid);
        p.connected = true;
        p.connectSeen = true;
        // The connect's pass reads the switch anyway.
        p.diverged = null;
        return first;
    }

    /** The switch disconnected; as {@link #connected}. */
    synchronized boolean disconnected(Dpid dpid) {
        boolean first = pending.isEmpty();
        Pending p = entry(dpid);
        p.disconnected = true;
        p.connected = false;
        p.diverged = null;
        return first;
    }

    /** The switch's tables may differ from intent; as {@link #connected}. */
    synchronized boolean diverged(Dpid dpid, String why) {
        boolean first = pending.isEmpty();
        entry(dpid).diverged = why;
        return first;
    }

    private Pending entry(Dpid dpid) {
        Pending p = pending.get(dpid);
        if (p != null) {
            folded++;
            return p;
        }
        p = new Pending();
        pending.put(dpid, p);
        return p;
    }

    /** Everything pending, in the order the switches first came; empties the table. */
    synchronized Map<Dpid, Pending> take() {
        Map<Dpid, Pending> out = new LinkedHashMap<>(pending);
        pending.clear();
        return out;
    }

    /** Events folded into an entry already pending, since start. */
    synchronized long folded() {
        return folded;
    }
}
