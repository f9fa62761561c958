package org.weft.cluster.topology;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;
import org.weft.net.IpAddress;
import org.weft.net.MacAddress;
import org.weft.net.host.Host;
import org.weft.net.host.HostId;

/**
 * One shared host ({@code /weft/hosts/<name>}): published by its owner, the master of the switch
 * where it was learned.
 *
 * @param mac as {@code 0a:00:00:00:00:01}
 * @param vlan its VLAN, {@link HostId#NO_VLAN} when untagged
 * @param ips its addresses, sorted
 * @param location the edge port it is attached to
 * @param owner the node id of the instance that published it
 */
record HostRecord(String mac, int vlan, List<String> ips, Point location, String owner) {

    HostRecord {
        checkNotNull(mac, "mac");
        ips = ips == null ? List.of() : ips.stream().sorted().toList();
        checkNotNull(location, "location");
        checkNotNull(owner, "owner");
    }

    static HostRecord of(Host h, String owner) {
        return new HostRecord(
                h.mac().toString(),
                h.vlan(),
                h.ips().stream().map(Object::toString).toList(),
                Point.of(h.location()),
                owner);
    }

    /** The znode name: the MAC address, then {@code @<vlan>} when tagged. */
    static String name(HostId id) {
        return id.vlan() == HostId.NO_VLAN ? id.mac().toString() : id.mac() + "@" + id.vlan();
    }

    HostId id() {
        return HostId.of(MacAddress.parse(mac), vlan);
    }

    /** The host as recorded, seen at {@code nowMillis}. */
    Host host(long nowMillis) {
        return new Host(
                id(),
                ips.stream().map(IpAddress::parse).collect(java.util.stream.Collectors.toSet()),
                location.connectPoint(),
                nowMillis,
                nowMillis);
    }

    /** Whether this record says the same of the host as {@code other} (owner aside). */
    boolean sameHost(HostRecord other) {
        return other != null
                && mac.equals(other.mac)
                && vlan == other.vlan
                && ips.equals(other.ips)
                && location.equals(other.location);
    }
}
