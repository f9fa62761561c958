package org.weft.net.cluster;

import org.weft.net.Dpid;

/**
 * Which instance of the cluster masters which switch. Only a switch's master handles its packet-ins
 * and programs it; the driver enforces the role on the switch (OpenFlow role requests).
 * Thread-safe.
 */
public interface MastershipService {

    /** This instance's role for the switch now. */
    MastershipRole role(Dpid dpid);

    /** Whether this instance masters the switch now. */
    default boolean isMaster(Dpid dpid) {
        return role(dpid) == MastershipRole.MASTER;
    }

    /**
     * The generation id of the switch's current mastership (only ever grows), sent with this
     * instance's role request; 0 when none is assigned.
     */
    long generationId(Dpid dpid);

    /** Whether Weft runs as a cluster (false: one instance, master of every switch). */
    boolean clustered();

    /** This instance connected to the switch (it can be chosen as its master). */
    void switchConnected(Dpid dpid);

    /** This instance lost its connection to the switch. */
    void switchDisconnected(Dpid dpid);

    /**
     * The switch refused this instance's MASTER role request (a newer master exists): this instance
     * acts as SLAVE for the switch until a newer assignment names it again.
     */
    void stepDown(Dpid dpid, long generationId);

    /** The cluster as this instance sees it now. */
    ClusterView view();

    void addListener(MastershipListener listener);

    void removeListener(MastershipListener listener);
}
