package org.weft.net.reconcile.impl;

import static com.google.common.base.Preconditions.checkArgument;

import java.time.Duration;
import org.weft.net.Dpid;

/**
 * How the reconciler runs.
 *
 * @param interval each connected switch gets a pass this often, at a phase of its own within the
 *     interval (so a large fabric's passes are spread out, never bursting); the first periodic pass
 *     no sooner than half an interval after its pass on connect ({@link #firstPeriodic})
 * @param maxPassesInFlight passes running at once; more wait in a queue (one place per switch)
 * @param minBackoff wait before the pass that follows a failed batch or a failed pass
 * @param maxBackoff longest wait after failures in a row (doubling from {@code minBackoff})
 * @param removeUnknown whether entries whose cookie no app owns (and groups no app owns) are
 *     removed too; by default they are left alone
 * @param settleQuiet after start, the fabric has settled once no switch connected for this long;
 *     until then the removals of apps that learn their intent after start are held back ({@link
 *     SettleWindow}); zero: no settling, every pass removes at once
 * @param settleMax the fabric counts as settled this long after start at the latest, however
 *     switches keep connecting
 */
public record ReconcileConfig(
        Duration interval,
        int maxPassesInFlight,
        Duration minBackoff,
        Duration maxBackoff,
        boolean removeUnknown,
        Duration settleQuiet,
        Duration settleMax) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

    /** No switch connected for this long after start: the fabric has settled. */
    public static final Duration DEFAULT_SETTLE_QUIET = Duration.ofSeconds(3);

    /** Settled this long after start at the latest. */
    public static final Duration DEFAULT_SETTLE_MAX = Duration.ofSeconds(15);

    /** Without settling after start (every pass removes what no app intends at once). */
    public ReconcileConfig(
            Duration interval,
            int maxPassesInFlight,
            Duration minBackoff,
            Duration maxBackoff,
            boolean removeUnknown) {
        this(
                interval,
                maxPassesInFlight,
                minBackoff,
                maxBackoff,
                removeUnknown,
                Duration.ZERO,
                Duration.ZERO);
    }

    public ReconcileConfig {
        checkArgument(
                interval.compareTo(Duration.ofMillis(100)) >= 0,
                "reconcile interval %s is under 100 ms",
                interval);
        checkArgument(maxPassesInFlight >= 1, "maxPassesInFlight %s < 1", maxPassesInFlight);
        checkArgument(!minBackoff.isNegative() && !minBackoff.isZero(), "minBackoff must be > 0");
        checkArgument(maxBackoff.compareTo(minBackoff) >= 0, "maxBackoff < minBackoff");
        checkArgument(!settleQuiet.isNegative(), "settleQuiet must be >= 0");
        checkArgument(
                settleMax.compareTo(settleQuiet) >= 0, "settleMax %s < settleQuiet", settleMax);
    }

    /** Whether passes right after start hold back removals until the fabric settles. */
    public boolean settles() {
        return !settleQuiet.isZero();
    }

    public static ReconcileConfig defaults() {
        return new ReconcileConfig(
                DEFAULT_INTERVAL,
                16,
                Duration.ofSeconds(1),
                Duration.ofSeconds(30),
                false,
                DEFAULT_SETTLE_QUIET,
                DEFAULT_SETTLE_MAX);
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

    /**
     * When the switch's first periodic pass falls after its pass on connect ended: at its phase,
     * but no sooner than half an interval later (that pass has just read it), so between half an
     * interval and one and a half; one interval between the periodic passes after that. Switches
     * that connect together (a controller restart) are spread as before, and a large fabric is not
     * read again right after its passes on connect.
     */
    public Duration firstPeriodic(Dpid dpid) {
        Duration p = phase(dpid);
        return p.compareTo(interval().dividedBy(2)) < 0 ? p.plus(interval()) : p;
    }

    public ReconcileConfig withInterval(Duration d) {
        return new ReconcileConfig(
                d,
                maxPassesInFlight,
                minBackoff,
                maxBackoff,
                removeUnknown,
                settleQuiet,
                settleMax);
    }

    public ReconcileConfig withSettle(Duration quiet, Duration max) {
        return new ReconcileConfig(
                interval, maxPassesInFlight, minBackoff, maxBackoff, removeUnknown, quiet, max);
    }
}
