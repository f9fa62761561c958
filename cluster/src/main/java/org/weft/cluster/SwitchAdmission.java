package org.weft.cluster;

import org.weft.net.Dpid;

/**
 * Decides when a switch this instance connected to is offered for mastership (registered as seen by
 * this instance, so the leader may make it its master). An instance that is given a switch before
 * it knows the switch's shared links and hosts, and has planned the routes toward them, would find
 * those routes unknown and remove them in its first reconcile pass.
 */
@FunctionalInterface
public interface SwitchAdmission {

    /** Offers every switch at once (tests, and until an admission is installed). */
    SwitchAdmission AT_ONCE = (dpid, offer) -> offer.run();

    /**
     * Runs {@code offer} (on any thread) once this instance would program the switch as the others
     * do. An offer for a switch that disconnected meanwhile does nothing.
     */
    void admit(Dpid dpid, Runnable offer);
}
