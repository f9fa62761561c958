package org.weft.net.cluster;

import static com.google.common.base.Preconditions.checkNotNull;

import org.weft.net.Dpid;

/**
 * This instance's role for a switch changed.
 *
 * @param dpid the switch
 * @param role this instance's role now
 * @param master the node id of the switch's master now, or null when none is assigned
 * @param generationId the mastership generation (grows with every change of master; the value the
 *     master sends in its OpenFlow role request)
 */
public record MastershipEvent(Dpid dpid, MastershipRole role, String master, long generationId) {
    public MastershipEvent {
        checkNotNull(dpid, "dpid");
        checkNotNull(role, "role");
    }
}
