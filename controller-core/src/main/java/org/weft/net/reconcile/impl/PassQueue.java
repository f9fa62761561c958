package org.weft.net.reconcile.impl;

import java.util.ArrayDeque;
import org.weft.net.Dpid;

/**
 * The switches waiting for a pass, in order, each at most once, and how many passes run: at most
 * {@code maxInFlight} at once. Confined to the reconciler's executor; the two counts are also read
 * from any thread for its statistics.
 */
final class PassQueue {

    private final ArrayDeque<Dpid> waiting = new ArrayDeque<>();
    private final int maxInFlight;
    private int running;
    private volatile int waitingNow;
    private volatile int runningNow;

    PassQueue(int maxInFlight) {
        this.maxInFlight = maxInFlight;
    }

    /** Queues the switch unless it is queued already. */
    void add(Dpid dpid, SwitchSync s) {
        if (!s.queued) {
            s.queued = true;
            waiting.add(dpid);
            waitingNow = waiting.size();
        }
    }

    void remove(Dpid dpid) {
        waiting.remove(dpid);
        waitingNow = waiting.size();
    }

    /** The next switch whose pass may start now, counted as running; null when none may. */
    Dpid next() {
        if (running >= maxInFlight || waiting.isEmpty()) {
            return null;
        }
        Dpid dpid = waiting.poll();
        waitingNow = waiting.size();
        running++;
        runningNow = running;
        return dpid;
    }

    /** A pass started by {@link #next} ended (or was not started after all). */
    void ended() {
        running--;
        runningNow = running;
    }

    int waiting() {
        return waitingNow;
    }

    int running() {
        return runningNow;
    }
}
