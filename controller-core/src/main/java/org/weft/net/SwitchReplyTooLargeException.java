package org.weft.net;

/**
 * A switch's answer grew past the bounds Weft keeps for one reply (for instance a multipart stats
 * reply with more parts or bytes than configured); the request failed instead of holding it.
 */
public class SwitchReplyTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Dpid dpid;

    public SwitchReplyTooLargeException(Dpid dpid, String message) {
        super(message);
        this.dpid = dpid;
    }

    public Dpid dpid() {
        return dpid;
    }
}
