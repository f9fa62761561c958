package org.weft.openflow.channel;

import java.util.ArrayList;
import java.util.List;
import org.projectfloodlight.openflow.protocol.OFFeaturesReply;
import org.projectfloodlight.openflow.protocol.OFPortDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFPortReason;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.weft.net.device.Port;
import org.weft.openflow.OfLimits;
import org.weft.openflow.translate.OfPorts;

/**
 * A switch's ports as its handshake learns them: from FEATURES_REPLY (OF1.0) or the PORT_DESC
 * multipart reply (OF1.3), bounded like any multipart reply, and amended by PORT_STATUS messages
 * that arrive before the switch is registered. Not thread-safe: the channel's event loop.
 */
final class HandshakePorts {

    private final OfLimits limits;
    private final List<Port> ports = new ArrayList<>();
    private int parts;
    private long bytes;

    HandshakePorts(OfLimits limits) {
        this.limits = limits;
    }

    void addAll(OFFeaturesReply features) {
        features.getPorts().forEach(p -> ports.add(OfPorts.toCore(p)));
    }

    /**
     * Adds one part of the port description.
     *
     * @return false, and the ports forgotten, if the description grew past the multipart limits
     */
    boolean addPart(OFPortDescStatsReply part, int partBytes) {
        parts++;
        bytes += partBytes;
        if (parts > limits.maxMultipartParts() || bytes > limits.maxMultipartBytes()) {
            ports.clear();
            return false;
        }
        part.getEntries().forEach(p -> ports.add(OfPorts.toCore(p)));
        return true;
    }

    void apply(OFPortStatus status) {
        Port port = OfPorts.toCore(status.getDesc());
        ports.removeIf(p -> p.number().equals(port.number()));
        if (status.getReason() != OFPortReason.DELETE) {
            ports.add(port);
        }
    }

    List<Port> list() {
        return ports;
    }
}
