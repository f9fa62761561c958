package org.weft.net.host.impl;

import java.util.function.Predicate;
import org.weft.net.ConnectPoint;
import org.weft.net.device.DeviceEvent;
import org.weft.net.host.Host;
import org.weft.net.link.LinkEvent;

/**
 * What the switches' and links' events do to the host table: a switch that disconnected or a port
 * that went down takes its hosts with it; a port where a link appeared holds no host, and a host
 * found there goes back to the edge port it moved from ({@link MovedFrom}: its "move" was frames
 * flooded over a link discovery had not found yet), or is removed.
 */
final class HostTopologyReactions {

    private final HostTable table;

    HostTopologyReactions(HostTable table) {
        this.table = table;
    }

    void onDeviceEvent(DeviceEvent event) {
        var dpid = event.subject().dpid();
        switch (event.type()) {
            case DEVICE_DISCONNECTED ->
                    table.removeWhere(h -> h.location().dpid().equals(dpid), "switch disconnected");
            case PORT_REMOVED, PORT_UPDATED -> {
                boolean down =
                        event.type() == DeviceEvent.Type.PORT_REMOVED
                                || event.port().filter(p -> !p.isLive()).isPresent();
                event.port()
                        .map(p -> ConnectPoint.of(dpid, p.number()))
                        .filter(at -> down)
                        .ifPresent(
                                at -> table.removeWhere(h -> h.location().equals(at), "port down"));
            }
            default -> {}
        }
    }

    void onLinkEvent(LinkEvent event) {
        if (event.type() == LinkEvent.Type.ADDED) {
            var l = event.subject();
            Predicate<Host> onLink =
                    h -> h.location().equals(l.src()) || h.location().equals(l.dst());
            table.forEachSlot(
                    slot -> {
                        Host h = slot.get();
                        if (h != null && onLink.test(h)) {
                            table.moveBack(slot, h);
                        }
                    });
            table.removeWhere(onLink, "port carries a link");
        }
    }
}
