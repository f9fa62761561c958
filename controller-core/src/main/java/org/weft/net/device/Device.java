package org.weft.net.device;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableSortedMap;
import java.util.Collection;
import java.util.Optional;
import org.weft.net.Dpid;
import org.weft.net.PortNumber;

/**
 * A connected switch.
 *
 * @param dpid datapath id
 * @param address remote address of its control channel (host:port)
 * @param protocol negotiated OpenFlow version, e.g. {@code OF_13}
 * @param connectedAtMillis when its handshake completed
 * @param ports its ports by number
 */
public record Device(
        Dpid dpid,
        String address,
        String protocol,
        long connectedAtMillis,
        ImmutableSortedMap<PortNumber, Port> ports) {

    public Device {
        checkNotNull(dpid, "dpid");
        checkNotNull(address, "address");
        checkNotNull(protocol, "protocol");
        checkNotNull(ports, "ports");
    }

    public Collection<Port> portList() {
        return ports.values();
    }

    public Optional<Port> port(PortNumber number) {
        return Optional.ofNullable(ports.get(number));
    }

    /** A copy with one port added or replaced. */
    public Device withPort(Port port) {
        ImmutableSortedMap.Builder<PortNumber, Port> b = ImmutableSortedMap.naturalOrder();
        ports.forEach(
                (n, p) -> {
                    if (!n.equals(port.number())) {
                        b.put(n, p);
                    }
                });
        b.put(port.number(), port);
        return new Device(dpid, address, protocol, connectedAtMillis, b.build());
    }

    /** A copy without the given port. */
    public Device withoutPort(PortNumber number) {
        ImmutableSortedMap.Builder<PortNumber, Port> b = ImmutableSortedMap.naturalOrder();
        ports.forEach(
                (n, p) -> {
                    if (!n.equals(number)) {
                        b.put(n, p);
                    }
                });
        return new Device(dpid, address, protocol, connectedAtMillis, b.build());
    }
}
