package org.weft.net;

/** A switch rejected a request with an OFPT_ERROR; type and code are the OpenFlow names. */
public class SwitchErrorException extends RuntimeException {

    private final Dpid dpid;
    private final long xid;
    private final String errorType;
    private final String errorCode;

    public SwitchErrorException(Dpid dpid, long xid, String errorType, String errorCode) {
        super("switch " + dpid + " rejected xid " + xid + ": " + errorType + "/" + errorCode);
        this.dpid = dpid;
        this.xid = xid;
        this.errorType = errorType;
        this.errorCode = errorCode;
    }

    public Dpid dpid() {
        return dpid;
    }

    public long xid() {
        return xid;
    }

    public String errorType() {
        return errorType;
    }

    public String errorCode() {
        return errorCode;
    }
}
