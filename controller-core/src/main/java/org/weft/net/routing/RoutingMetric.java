package org.weft.net.routing;

import org.weft.net.topology.LinkWeigher;
import org.weft.net.topology.LinkWeighers;

/** What "shortest" means for routes: the operator's choice per fabric. */
public enum RoutingMetric {
    HOP_COUNT(LinkWeighers.HOP_COUNT),
    LATENCY(LinkWeighers.LATENCY),
    ADMIN_WEIGHT(LinkWeighers.ADMIN_WEIGHT),
    INVERSE_CAPACITY(LinkWeighers.INVERSE_CAPACITY),
    /** Residual capacity from measured load (needs the statistics collector). */
    UTILISATION(LinkWeighers.UTILISATION);

    private final LinkWeigher weigher;

    RoutingMetric(LinkWeigher weigher) {
        this.weigher = weigher;
    }

    public LinkWeigher weigher() {
        return weigher;
    }
}
