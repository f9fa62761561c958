package org.weft.net.routing;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableSet;
import java.util.Set;
import org.weft.net.Dpid;
import org.weft.net.Link;

/**
 * One re-programming of routes after a topology change, with its timings.
 *
 * @param cause why the routes changed
 * @param linksLost links gone in the change (empty for recoveries)
 * @param switchesLost switches gone in the change
 * @param detectedAtMillis wall-clock time of the earliest event that caused it (port status, link
 *     timeout, disconnect)
 * @param reroutedAtMillis wall-clock time the last switch confirmed its new entries (barrier reply)
 * @param reactionNanos from the routing app receiving the topology change to the last barrier reply
 * @param destinations destinations (hosts) whose routes were recomputed
 * @param flowChanges flow and group operations sent (adds, modifies, removes)
 */
public record RouteChange(
        Cause cause,
        Set<Link> linksLost,
        Set<Dpid> switchesLost,
        long detectedAtMillis,
        long reroutedAtMillis,
        long reactionNanos,
        int destinations,
        int flowChanges) {

    /** What triggered the change. */
    public enum Cause {
        /** Links or switches were lost: restoration. */
        LOSS,
        /** Links or switches came back (after the hold-down): re-optimisation. */
        RECOVERY,
        /** Link attributes or the metric changed. */
        REOPTIMIZE
    }

    public RouteChange {
        checkNotNull(cause, "cause");
        linksLost = ImmutableSet.copyOf(linksLost);
        switchesLost = ImmutableSet.copyOf(switchesLost);
    }
}
