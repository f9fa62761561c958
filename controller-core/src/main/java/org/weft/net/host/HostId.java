package org.weft.net.host;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.weft.net.MacAddress;

/**
 * A host's identity: its MAC address and VLAN ({@link #NO_VLAN} when untagged). Printed as {@code
 * 0a:00:00:00:00:01/None} or {@code 0a:00:00:00:00:01/100}.
 */
public record HostId(MacAddress mac, int vlan) {

    /** The VLAN of an untagged host. */
    public static final int NO_VLAN = -1;

    public HostId {
        checkNotNull(mac, "mac");
        checkArgument(
                vlan == NO_VLAN || (vlan >= 0 && vlan <= 0xfff), "VLAN %s out of range", vlan);
    }

    public static HostId of(MacAddress mac, int vlan) {
        return new HostId(mac, vlan);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostId h && h.vlan == vlan && h.mac.value() == mac.value();
    }

    @Override
    public int hashCode() {
        return hashOf(mac.value(), vlan);
    }

    /** The {@link #hashCode} of the host id of this MAC address's value and VLAN. */
    public static int hashOf(long mac, int vlan) {
        return 31 * MacAddress.hashOf(mac) + vlan;
    }

    /** Whether this is the id of this MAC address's value and VLAN. */
    public boolean is(long mac, int vlan) {
        return this.vlan == vlan && this.mac.value() == mac;
    }

    @Override
    public String toString() {
        return mac + "/" + (vlan == NO_VLAN ? "None" : Integer.toString(vlan));
    }
}
