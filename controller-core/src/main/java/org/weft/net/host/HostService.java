package org.weft.net.host;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import org.weft.net.ConnectPoint;
import org.weft.net.IpAddress;
import org.weft.net.MacAddress;

/** The hosts learned from packet-ins on edge ports. Lock-free reads. */
public interface HostService {

    Collection<Host> getHosts();

    Optional<Host> getHost(HostId id);

    /** {@link #getHost} without the Optional (null if unknown): for lookups on every packet-in. */
    default Host hostOrNull(HostId id) {
        return getHost(id).orElse(null);
    }

    /**
     * {@link #hostOrNull(HostId)} by the id's parts, for an implementation that can look them up
     * without building the id (the host tracker does, for every routed packet-in). Its {@link
     * Host#lastSeenMillis()} may be older than the latest sighting, which {@link #getHost} has.
     */
    default Host hostOrNull(long mac, int vlan) {
        return hostOrNull(HostId.of(MacAddress.of(mac), vlan));
    }

    /** Hosts with this MAC on any VLAN. */
    Set<Host> getHostsByMac(MacAddress mac);

    Set<Host> getHostsByIp(IpAddress ip);

    /** Hosts attached to the port. */
    Set<Host> getConnectedHosts(ConnectPoint point);

    default int getHostCount() {
        return getHosts().size();
    }

    /**
     * Hosts not learned (or not moved) since start because the host table, or the share of it one
     * switch may take, was full.
     */
    default long refusedHostCount() {
        return 0;
    }

    void addListener(HostListener listener);

    void removeListener(HostListener listener);
}
