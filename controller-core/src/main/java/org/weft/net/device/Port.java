package org.weft.net.device;

import static com.google.common.base.Preconditions.checkNotNull;

import org.weft.net.MacAddress;
import org.weft.net.PortNumber;

/**
 * A switch port as the switch last described it.
 *
 * @param number OpenFlow port number
 * @param name interface name
 * @param mac hardware address
 * @param adminUp false when the port is administratively down (OFPPC_PORT_DOWN)
 * @param linkUp false when the link is down (OFPPS_LINK_DOWN)
 * @param speedMbps current speed in Mbit/s, 0 when unknown
 */
public record Port(
        PortNumber number,
        String name,
        MacAddress mac,
        boolean adminUp,
        boolean linkUp,
        long speedMbps) {

    public Port {
        checkNotNull(number, "number");
        checkNotNull(name, "name");
        checkNotNull(mac, "mac");
    }

    /** A port that can carry traffic: administratively enabled and with its link up. */
    public boolean isLive() {
        return adminUp && linkUp;
    }
}
