package org.weft.routing;

import static com.google.common.base.Preconditions.checkNotNull;

import org.weft.net.routing.RoutingMetric;

/**
 * Settings of the routing app. Local protection and the recovery hold-down are the failover app's
 * ({@code org.weft.failover.FailoverConfig}), though both are configured under {@code routing.*}.
 *
 * @param metric what "shortest" means (default hop count)
 * @param parkedFrames bounds on the packet-in frames held until their route is confirmed ({@link
 *     ParkedFrameLimits#defaults()})
 */
public record RoutingConfig(RoutingMetric metric, ParkedFrameLimits parkedFrames) {

    public RoutingConfig {
        checkNotNull(metric, "metric");
        checkNotNull(parkedFrames, "parkedFrames");
    }

    /** Settings with the default {@link ParkedFrameLimits}. */
    public RoutingConfig(RoutingMetric metric) {
        this(metric, ParkedFrameLimits.defaults());
    }

    public static RoutingConfig defaults() {
        return new RoutingConfig(RoutingMetric.HOP_COUNT);
    }
}
