package org.weft.net.cluster;

import org.weft.net.Dpid;

/** A write to a switch this instance does not master (another instance of the cluster does). */
public class NotMasterException extends RuntimeException {

    private final Dpid dpid;

    public NotMasterException(Dpid dpid) {
        super("this instance is not the master of switch " + dpid);
        this.dpid = dpid;
    }

    public Dpid dpid() {
        return dpid;
    }
}
