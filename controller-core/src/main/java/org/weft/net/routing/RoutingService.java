package org.weft.net.routing;

import java.util.concurrent.CompletableFuture;

/** The routing app as operators and REST see it. */
public interface RoutingService {

    RoutingMetric metric();

    /**
     * Changes the fabric's metric; every installed route is recomputed and re-programmed.
     *
     * @return completes when the switches confirmed the new routes
     */
    CompletableFuture<Void> setMetric(RoutingMetric metric);

    /** Destinations (hosts) with routes installed now. */
    int routedHostCount();

    void addRouteChangeListener(RouteChangeListener listener);

    void removeRouteChangeListener(RouteChangeListener listener);
}
