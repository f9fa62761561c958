package org.weft.routing;

import static com.google.common.base.Preconditions.checkNotNull;

import org.weft.net.ConnectPoint;
import org.weft.net.MacAddress;

/**
 * A destination routes lead to: a host's MAC (and VLAN, null if untagged) at its attachment point.
 */
public record HostAttachment(MacAddress mac, Integer vlan, ConnectPoint location) {

    public HostAttachment {
        checkNotNull(mac, "mac");
        checkNotNull(location, "location");
    }
}
