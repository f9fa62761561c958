package org.weft.net;

/** A request named a switch that is not connected, or whose channel closed before it answered. */
public class DeviceNotConnectedException extends RuntimeException {

    private final Dpid dpid;

    public DeviceNotConnectedException(Dpid dpid) {
        super("switch " + dpid + " is not connected");
        this.dpid = dpid;
    }

    public Dpid dpid() {
        return dpid;
    }
}
