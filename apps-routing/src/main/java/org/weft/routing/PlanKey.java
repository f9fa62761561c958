package org.weft.routing;

import static com.google.common.base.Preconditions.checkNotNull;

import org.weft.net.host.HostId;

/**
 * What a routing plan is for: the routes toward one destination host, or flooding along the
 * spanning tree. Plans, their updates and the link index are keyed by it.
 */
sealed interface PlanKey permits PlanKey.Destination, PlanKey.Flooding {

    /** The flood tree's plan. */
    PlanKey FLOOD = Flooding.TREE;

    static Destination of(HostId host) {
        return new Destination(host);
    }

    /** The routes toward one host. */
    record Destination(HostId host) implements PlanKey {
        public Destination {
            checkNotNull(host, "host");
        }
    }

    /** Flooding along the spanning tree (one plan for the fabric). */
    enum Flooding implements PlanKey {
        TREE
    }
}
