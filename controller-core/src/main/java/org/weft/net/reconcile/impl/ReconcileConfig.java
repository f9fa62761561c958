package org.weft.net.reconcile.impl;

import static com.google.common.base.Preconditions.checkArgument;

import java.time.Duration;
import org.weft.net.Dpid;

/**
 * How the reconciler runs.
 *
 * @param interval each connected switch gets a pass this often, at a phase of its own within the
 *     interval (so a large fabric's passes are spread out, never bursting)
 * @param maxPassesInFlight passes running at once; more wait in a queue (one place per switch)
 * @param minBackoff wait before the pass that follows a failed batch or a failed pass
 * @param maxBackoff longest wait after failures in a row (doubling from {@code minBackoff})
 * @param removeUnknown whether entries whose cookie no app owns (and groups no app owns) are
 *     removed too; by default they are left alone
 */
public record ReconcileConfig(
        Duration interval,
        int maxPassesInFlight,
        Duration minBackoff,
        Duration maxBackoff,
        boolean removeUnknown) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

    public ReconcileConfig {
        checkArgument(
                interval.compareTo(Duration.ofMillis(100)) >= 0,
                "reconcile interval %s is under 100 ms",
                interval);
        checkArgument(maxPassesInFlight >= 1, "maxPassesInFlight %s < 1", maxPassesInFlight);
        checkArgument(!minBackoff.isNegative() && !minBackoff.isZero(), "minBackoff must be > 0");
        checkArgument(maxBackoff.compareTo(minBackoff) >= 0, "maxBackoff < minBackoff");
    }

    public static ReconcileConfig defaults() {
        return new ReconcileConfig(
                DEFAULT_INTERVAL, 16, Duration.ofSeconds(1), Duration.ofSeconds(30), false);
    }

    /** The wait before the pass after {@code failuresInARow} failures: doubling, up to the most. */
    public Duration backoff(int failuresInARow) {
        long min = minBackoff.toMillis();
        int shift = Math.min(Math.max(failuresInARow, 0), 20);
        return Duration.ofMillis(Math.min(maxBackoff.toMillis(), min << shift));
    }

    /** Where in the interval the switch's periodic passes fall, set by its DPID. */
    public Duration phase(Dpid dpid) {
        long interval = interval().toMillis();
        return Duration.ofMillis(Math.floorMod(dpid.hashCode() * 0x9E3779B97F4A7C15L, interval));
    }

    public ReconcileConfig withInterval(Duration d) {
        return new ReconcileConfig(d, maxPassesInFlight, minBackoff, maxBackoff, removeUnknown);
    }
}
