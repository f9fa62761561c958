package org.weft.net;

import static com.google.common.base.Preconditions.checkNotNull;

/** A port on a switch: where a link or a host attaches. */
public record ConnectPoint(Dpid dpid, PortNumber port) {

    public ConnectPoint {
        checkNotNull(dpid, "dpid");
        checkNotNull(port, "port");
    }

    public static ConnectPoint of(Dpid dpid, PortNumber port) {
        return new ConnectPoint(dpid, port);
    }

    public static ConnectPoint of(long dpid, long port) {
        return new ConnectPoint(Dpid.of(dpid), PortNumber.of(port));
    }

    // Written out, as Link's: connect points are compared and hashed as often as links.
    @Override
    public boolean equals(Object o) {
        return o == this
                || (o instanceof ConnectPoint c && dpid.equals(c.dpid) && port.equals(c.port));
    }

    @Override
    public int hashCode() {
        return 31 * dpid.hashCode() + port.hashCode();
    }

    @Override
    public String toString() {
        return dpid.uri() + "/" + port;
    }
}
