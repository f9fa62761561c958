package org.weft.net.host;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableSet;
import java.util.Set;
import org.weft.net.ConnectPoint;
import org.weft.net.IpAddress;
import org.weft.net.MacAddress;

/**
 * An end host as last learned.
 *
 * @param id MAC and VLAN
 * @param ips the IPv4 and IPv6 addresses it used as a source
 * @param location the edge port it is attached to
 * @param firstSeenMillis when it was first learned
 * @param lastSeenMillis when a packet from it was last seen
 */
public record Host(
        HostId id,
        Set<IpAddress> ips,
        ConnectPoint location,
        long firstSeenMillis,
        long lastSeenMillis) {

    public Host {
        checkNotNull(id, "id");
        ips = ImmutableSet.copyOf(ips);
        checkNotNull(location, "location");
    }

    public MacAddress mac() {
        return id.mac();
    }

    public int vlan() {
        return id.vlan();
    }

    public Host withLastSeen(long millis) {
        return new Host(id, ips, location, firstSeenMillis, millis);
    }
}
