package org.weft.net.link;

import static com.google.common.base.Preconditions.checkNotNull;

import org.weft.event.AbstractEvent;
import org.weft.net.Link;
import org.weft.net.topology.LinkInfo;

/** A link appeared, vanished or changed its attributes. */
public final class LinkEvent extends AbstractEvent<LinkEvent.Type, Link> {

    /** What happened. */
    public enum Type {
        /** LLDP showed the link. */
        ADDED,
        /** The link is gone; {@link #reason()} says why. */
        REMOVED,
        /** Latency, capacity or admin weight changed noticeably. */
        UPDATED
    }

    /** Why a link changed; REMOVED events carry one of the removal reasons. */
    public enum Reason {
        DISCOVERED,
        MEASURED,
        ADMIN,
        PORT_DOWN,
        DEVICE_DISCONNECTED,
        TIMEOUT,
        /** The damped measured utilisation routing uses changed (traffic engineering). */
        LOAD,
        /**
         * In a cluster: the instance that owns the link (its destination switch's master) removed
         * it from the shared topology.
         */
        REMOTE
    }

    private final LinkInfo info;
    private final Reason reason;

    public LinkEvent(Type type, Link link, LinkInfo info, Reason reason) {
        super(type, link);
        this.info = checkNotNull(info, "info");
        this.reason = checkNotNull(reason, "reason");
    }

    /** An event that happened at {@code timeMillis} (wall clock), for replay and tests. */
    public LinkEvent(Type type, Link link, LinkInfo info, Reason reason, long timeMillis) {
        super(type, link, timeMillis);
        this.info = checkNotNull(info, "info");
        this.reason = checkNotNull(reason, "reason");
    }

    /** The link's attributes after the change (the last known ones for REMOVED). */
    public LinkInfo info() {
        return info;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String toString() {
        return "LinkEvent{" + type() + " " + subject() + " " + reason + "}";
    }
}
