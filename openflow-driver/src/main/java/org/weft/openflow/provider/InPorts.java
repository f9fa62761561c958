package org.weft.openflow.provider;

import java.util.Arrays;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.PortNumber;

/**
 * The connect points of one switch's ports, each made once (every packet-in names one): ports below
 * {@link #MAX_KEPT}, the numbers {@link PortNumber#of} shares too; a new one for the others. Not
 * thread-safe: the switch's event loop, where its packet-ins are read.
 */
final class InPorts {

    static final int MAX_KEPT = 1024;

    private final Dpid dpid;
    private ConnectPoint[] points = new ConnectPoint[16];

    InPorts(Dpid dpid) {
        this.dpid = dpid;
    }

    ConnectPoint at(PortNumber port) {
        long n = port.value();
        if (n >= MAX_KEPT) {
            return new ConnectPoint(dpid, port);
        }
        int i = (int) n;
        ConnectPoint[] a = points;
        if (i >= a.length) {
            a = Arrays.copyOf(a, Math.min(MAX_KEPT, Math.max(i + 1, a.length * 2)));
            points = a;
        }
        ConnectPoint cp = a[i];
        if (cp == null) {
            cp = new ConnectPoint(dpid, port);
            a[i] = cp;
        }
        return cp;
    }
}
