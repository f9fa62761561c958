package org.weft.routing;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.weft.net.ConnectPoint;
import org.weft.net.IpAddress;
import org.weft.net.MacAddress;
import org.weft.net.host.Host;
import org.weft.net.host.HostId;
import org.weft.net.host.HostListener;
import org.weft.net.host.HostService;

/** Hosts known from the start, none ever changing. */
record FixedHosts(List<Host> hosts) implements HostService {
    @Override
    public Collection<Host> getHosts() {
        return hosts;
    }

    @Override
    public Optional<Host> getHost(HostId id) {
        return hosts.stream().filter(h -> h.id().equals(id)).findFirst();
    }

    @Override
    public Set<Host> getHostsByMac(MacAddress mac) {
        return hosts.stream().filter(h -> h.mac().equals(mac)).collect(Collectors.toSet());
    }

    @Override
    public Set<Host> getHostsByIp(IpAddress ip) {
        return hosts.stream().filter(h -> h.ips().contains(ip)).collect(Collectors.toSet());
    }

    @Override
    public Set<Host> getConnectedHosts(ConnectPoint point) {
        return hosts.stream().filter(h -> h.location().equals(point)).collect(Collectors.toSet());
    }

    @Override
    public void addListener(HostListener listener) {}

    @Override
    public void removeListener(HostListener listener) {}
}
