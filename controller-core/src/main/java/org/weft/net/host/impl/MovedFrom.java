package org.weft.net.host.impl;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.weft.net.ConnectPoint;
import org.weft.net.device.DeviceService;
import org.weft.net.device.Port;
import org.weft.net.host.Host;
import org.weft.net.host.HostId;
import org.weft.net.link.LinkService;

/**
 * Where each tracked host was before its last move, so that a "move" onto a port where a link then
 * appears (frames flooded over a link discovery had not found yet) can be undone: the host goes
 * back to that edge port while it is still up and carries no link. Entries exist only for tracked
 * hosts that moved.
 */
final class MovedFrom {

    private final Map<HostId, ConnectPoint> before = new ConcurrentHashMap<>();
    private final DeviceService devices;
    private final LinkService links;

    MovedFrom(DeviceService devices, LinkService links) {
        this.devices = devices;
        this.links = links;
    }

    void moved(HostId id, ConnectPoint from) {
        before.put(id, from);
    }

    void forget(HostId id) {
        before.remove(id);
    }

    /** The edge port the host can go back to, if it moved from one that is still up and free. */
    Optional<ConnectPoint> wayBack(Host h) {
        ConnectPoint back = before.get(h.id());
        if (back == null || back.equals(h.location()) || links.isInfrastructure(back)) {
            return Optional.empty();
        }
        boolean live =
                devices.getDevice(back.dpid())
                        .flatMap(d -> d.port(back.port()))
                        .map(Port::isLive)
                        .orElse(false);
        return live ? Optional.of(back) : Optional.empty();
    }
}
