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

    /**
     * Packet-in frames held until their destination's route is confirmed, and those dropped instead
     * (over the bound, too old, or their route failed).
     */
    default ParkedFrameCounts parkedFrames() {
        return ParkedFrameCounts.NONE;
    }

    /**
     * How the packet-ins forwarded so far were answered (a flow-mod releasing the switch's buffer,
     * a flow-mod and a packet-out, a packet-out alone).
     */
    default PacketInAnswers packetInAnswers() {
        return PacketInAnswers.NONE;
    }

    void addRouteChangeListener(RouteChangeListener listener);

    void removeRouteChangeListener(RouteChangeListener listener);
}
