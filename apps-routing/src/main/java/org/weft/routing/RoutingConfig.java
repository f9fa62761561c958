package org.weft.routing;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import org.weft.net.routing.RoutingMetric;

/**
 * Settings of the routing app.
 *
 * @param metric what "shortest" means (default hop count)
 * @param protection whether to pre-install fast-failover groups for local protection (OF1.3+;
 *     default on)
 * @param recoveryHoldDown how long a recovered link or switch must stay quiet before routes are
 *     re-optimised onto it (default 2 s); every new recovery restarts the wait, up to {@link
 *     #MAX_HOLD_DOWNS} times, so a flapping link cannot make the fabric churn
 * @param parkedFrames bounds on the packet-in frames held until their route is confirmed ({@link
 *     ParkedFrameLimits#defaults()})
 */
public record RoutingConfig(
        RoutingMetric metric,
        boolean protection,
        Duration recoveryHoldDown,
        ParkedFrameLimits parkedFrames) {

    /** A recovery waits at most this many hold-downs, however often links keep flapping. */
    public static final int MAX_HOLD_DOWNS = 5;

    public RoutingConfig {
        checkNotNull(metric, "metric");
        checkArgument(!recoveryHoldDown.isNegative(), "recoveryHoldDown must not be negative");
        checkNotNull(parkedFrames, "parkedFrames");
    }

    /** Settings with the default {@link ParkedFrameLimits}. */
    public RoutingConfig(RoutingMetric metric, boolean protection, Duration recoveryHoldDown) {
        this(metric, protection, recoveryHoldDown, ParkedFrameLimits.defaults());
    }

    public static RoutingConfig defaults() {
        return new RoutingConfig(RoutingMetric.HOP_COUNT, true, Duration.ofSeconds(2));
    }
}
