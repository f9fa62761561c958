package org.weft.cluster;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.weft.net.Dpid;

/**
 * This instance's {@code /weft/sees/<dpid>/<nodeId>} znodes. Offers and withdrawals that arrive
 * together (an admission check offers every switch that became ready at once) fold into one task on
 * the cluster's work thread, which creates the new znodes in transactions ({@link
 * Ephemerals#addAll}) instead of a few round trips per switch. For a switch offered and withdrawn
 * (or withdrawn and offered again) before that task runs, the last word counts; an offered switch
 * that is no longer connected when the task runs is skipped (its withdrawal follows). Thread-safe.
 */
final class SeenSwitches {

    private final Ephemerals ephemerals;
    private final String nodeId;
    private final Predicate<Dpid> connected;
    private final Consumer<Runnable> work;
    private final Map<Dpid, Boolean> pending = new HashMap<>(); // guarded by this; true: offered
    private boolean queued; // guarded by this

    /**
     * @param connected whether this instance is still connected to the switch
     * @param work runs a task on the cluster's work thread
     */
    SeenSwitches(
            Ephemerals ephemerals,
            String nodeId,
            Predicate<Dpid> connected,
            Consumer<Runnable> work) {
        this.ephemerals = ephemerals;
        this.nodeId = nodeId;
        this.connected = connected;
        this.work = work;
    }

    /** Registers the switch as seen here (if still connected when the work thread gets to it). */
    void offer(Dpid dpid) {
        change(dpid, true);
    }

    /** Removes the switch's znode (this instance disconnected from it). */
    void withdraw(Dpid dpid) {
        change(dpid, false);
    }

    private void change(Dpid dpid, boolean offered) {
        synchronized (this) {
            pending.put(dpid, offered);
            if (queued) {
                return;
            }
            queued = true;
        }
        work.accept(this::apply);
    }

    /** On the work thread: everything offered or withdrawn since the last time. */
    private void apply() {
        Map<Dpid, Boolean> changes;
        synchronized (this) {
            changes = new HashMap<>(pending);
            pending.clear();
            queued = false;
        }
        Map<String, byte[]> added = new TreeMap<>();
        changes.forEach(
                (dpid, offered) -> {
                    String path = ZkPaths.sees(dpid, nodeId);
                    if (!offered) {
                        ephemerals.remove(path);
                    } else if (connected.test(dpid)) {
                        added.put(path, new byte[0]);
                    }
                });
        if (!added.isEmpty()) {
            ephemerals.addAll(added);
        }
    }
}
