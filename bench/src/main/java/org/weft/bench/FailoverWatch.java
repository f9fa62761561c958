package org.weft.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.weft.net.Link;
import org.weft.net.failover.FailoverEvent;
import org.weft.net.failover.FailoverListener;
import org.weft.net.routing.RouteChange;
import org.weft.net.topology.TopologyListener;
import org.weft.openflow.emulator.EmulatedFabric;

/**
 * Every failover event Weft publishes, with the {@link System#nanoTime()} at which this listener
 * received it (on Weft's event executor), and waits for the ones a cut or a restore causes. Also
 * follows the topology: whether routing has answered its latest loss or recovery.
 */
final class FailoverWatch implements FailoverListener {

    /** A failover event and when the bench saw it. */
    record Seen(FailoverEvent event, long seenNanos) {
        RouteChange change() {
            return event.subject();
        }
    }

    private final List<Seen> seen = new ArrayList<>();
    // The start counts as a recovery: the fabric's discovery ends in a re-optimisation.
    private long lastRecoveryNanos = System.nanoTime();
    private long lastLossNanos = lastRecoveryNanos;
    private boolean anyLoss;

    /** Register with the topology service: notes each loss or recovery of links or switches. */
    final TopologyListener topologyListener =
            e -> {
                boolean recovered = !e.addedLinks().isEmpty() || !e.addedSwitches().isEmpty();
                boolean lost = !e.removedLinks().isEmpty() || !e.removedSwitches().isEmpty();
                long now = System.nanoTime();
                synchronized (this) {
                    if (recovered) {
                        lastRecoveryNanos = now;
                    }
                    if (lost) {
                        lastLossNanos = now;
                        anyLoss = true;
                    }
                }
            };

    @Override
    public void event(FailoverEvent e) {
        long now = System.nanoTime();
        synchronized (this) {
            seen.add(new Seen(e, now));
            notifyAll();
        }
    }

    /** How many events were seen so far: a mark for the waits below. */
    synchronized int mark() {
        return seen.size();
    }

    /** Events seen since {@code mark}. */
    synchronized List<Seen> since(int mark) {
        return List.copyOf(seen.subList(mark, seen.size()));
    }

    /**
     * Waits until the REROUTED events seen since {@code mark} have lost both directed links of the
     * cable together; returns those events (empty if the deadline passed first).
     */
    synchronized List<Seen> awaitRerouted(int mark, EmulatedFabric.Cable cable, long deadlineNanos)
            throws InterruptedException {
        Set<Link> both = Set.of(Link.of(cable.a(), cable.b()), Link.of(cable.b(), cable.a()));
        while (true) {
            List<Seen> matching = new ArrayList<>();
            Set<Link> lost = new HashSet<>();
            for (Seen s : seen.subList(mark, seen.size())) {
                if (s.event().type() == FailoverEvent.Type.REROUTED
                        && s.change().linksLost().stream().anyMatch(both::contains)) {
                    matching.add(s);
                    lost.addAll(s.change().linksLost());
                }
            }
            if (lost.containsAll(both)) {
                return matching;
            }
            if (!waitUntil(deadlineNanos)) {
                return List.of();
            }
        }
    }

    /**
     * Waits for a RECOVERED event seen since {@code mark} whose re-optimisation started at or after
     * {@code startedAtMillis} (wall clock); null if the deadline passed first.
     */
    synchronized Seen awaitRecovered(int mark, long startedAtMillis, long deadlineNanos)
            throws InterruptedException {
        while (true) {
            for (Seen s : seen.subList(mark, seen.size())) {
                if (s.event().type() == FailoverEvent.Type.RECOVERED
                        && s.change().detectedAtMillis() >= startedAtMillis) {
                    return s;
                }
            }
            if (!waitUntil(deadlineNanos)) {
                return null;
            }
        }
    }

    /**
     * Whether the latest loss and recovery in the topology are at least {@code quietNanos} old and
     * routing has answered both: a RECOVERED event seen after the last recovery (routing
     * re-optimises once, a hold-down after the last one) and a REROUTED event seen after the last
     * loss. A re-optimisation that changes nothing shows in no other way while it is planned.
     */
    synchronized boolean answeredLastChange(long quietNanos) {
        if (System.nanoTime() - Math.max(lastRecoveryNanos, lastLossNanos) < quietNanos) {
            return false;
        }
        return seenAfter(FailoverEvent.Type.RECOVERED, lastRecoveryNanos)
                && (!anyLoss || seenAfter(FailoverEvent.Type.REROUTED, lastLossNanos));
    }

    private boolean seenAfter(FailoverEvent.Type type, long sinceNanos) {
        for (int i = seen.size() - 1; i >= 0 && seen.get(i).seenNanos() > sinceNanos; i--) {
            if (seen.get(i).event().type() == type) {
                return true;
            }
        }
        return false;
    }

    /** Waits for the next event or the deadline; false once the deadline has passed. */
    private boolean waitUntil(long deadlineNanos) throws InterruptedException {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        wait(Math.max(1, left / 1_000_000));
        return true;
    }
}
