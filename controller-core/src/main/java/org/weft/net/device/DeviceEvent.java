package org.weft.net.device;

import java.util.Optional;
import org.weft.event.AbstractEvent;

/** Something happened to a switch or one of its ports. */
public final class DeviceEvent extends AbstractEvent<DeviceEvent.Type, Device> {

    /** What happened. */
    public enum Type {
        /** Handshake completed; the switch is usable. */
        DEVICE_CONNECTED,
        /** Control channel closed or timed out. */
        DEVICE_DISCONNECTED,
        PORT_ADDED,
        /** A port changed state (admin or link up/down), speed or name. */
        PORT_UPDATED,
        PORT_REMOVED,
        /**
         * A request to the switch (a barrier, a stats request) went unanswered within the request
         * timeout: its tables may differ from what Weft believes, so apps audit it again.
         */
        DEVICE_OUT_OF_SYNC
    }

    private final Port port;

    public DeviceEvent(Type type, Device device) {
        this(type, device, null);
    }

    public DeviceEvent(Type type, Device device, Port port) {
        super(type, device);
        this.port = port;
    }

    /** An event that happened at {@code timeMillis} (wall clock, from the poster's time source). */
    public DeviceEvent(Type type, Device device, Port port, long timeMillis) {
        super(type, device, timeMillis);
        this.port = port;
    }

    /** The port concerned, for port events. */
    public Optional<Port> port() {
        return Optional.ofNullable(port);
    }

    @Override
    public String toString() {
        return "DeviceEvent{"
                + type()
                + " "
                + subject().dpid()
                + (port == null ? "" : " port " + port.number())
                + "}";
    }
}
