package org.weft.cluster.topology;

import static com.google.common.base.Preconditions.checkNotNull;

import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.PortNumber;

/**
 * A switch port in a shared record.
 *
 * @param dpid as {@code 00:00:00:00:00:00:00:01}
 * @param port the OpenFlow port number
 */
record Point(String dpid, long port) {

    Point {
        checkNotNull(dpid, "dpid");
    }

    static Point of(ConnectPoint cp) {
        return new Point(cp.dpid().toString(), cp.port().value());
    }

    ConnectPoint connectPoint() {
        return ConnectPoint.of(Dpid.parse(dpid), PortNumber.of(port));
    }
}
