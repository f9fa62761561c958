package org.weft.net.host;

import java.util.Optional;
import org.weft.event.AbstractEvent;
import org.weft.net.ConnectPoint;

/** A host appeared, moved, changed its addresses or went away. */
public final class HostEvent extends AbstractEvent<HostEvent.Type, Host> {

    /** What happened. */
    public enum Type {
        ADDED,
        /** The host is now on another port; {@link #previousLocation()} says where it was. */
        MOVED,
        /** New IP addresses. */
        UPDATED,
        /** Idle for too long, or its port went down. */
        REMOVED
    }

    private final ConnectPoint previousLocation;

    public HostEvent(Type type, Host host) {
        this(type, host, null);
    }

    public HostEvent(Type type, Host host, ConnectPoint previousLocation) {
        super(type, host);
        this.previousLocation = previousLocation;
    }

    /**
     * An event that happened at {@code timeMillis} (wall clock, from the tracker's time source).
     */
    public HostEvent(Type type, Host host, ConnectPoint previousLocation, long timeMillis) {
        super(type, host, timeMillis);
        this.previousLocation = previousLocation;
    }

    public Optional<ConnectPoint> previousLocation() {
        return Optional.ofNullable(previousLocation);
    }

    @Override
    public String toString() {
        return "HostEvent{" + type() + " " + subject().id() + " at " + subject().location() + "}";
    }
}
