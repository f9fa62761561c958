package org.weft.net.failover;

import org.weft.event.AbstractEvent;
import org.weft.net.routing.RouteChange;

/** The fabric healed (routes moved off lost elements) or re-optimised after a recovery. */
public final class FailoverEvent extends AbstractEvent<FailoverEvent.Type, RouteChange> {

    /** What happened. */
    public enum Type {
        /** Links or switches were lost and the routes that used them were moved. */
        REROUTED,
        /** Lost elements came back and routes were re-optimised after the hold-down. */
        RECOVERED
    }

    public FailoverEvent(Type type, RouteChange change) {
        super(type, change);
    }

    /** An event that happened at {@code timeMillis} (wall clock, from the app's time source). */
    public FailoverEvent(Type type, RouteChange change, long timeMillis) {
        super(type, change, timeMillis);
    }

    /** Milliseconds from the earliest detection to the last confirmed entry. */
    public long healingMillis() {
        return Math.max(0, subject().reroutedAtMillis() - subject().detectedAtMillis());
    }

    @Override
    public String toString() {
        RouteChange c = subject();
        return "FailoverEvent{"
                + type()
                + " links lost "
                + c.linksLost().size()
                + ", switches lost "
                + c.switchesLost().size()
                + ", "
                + c.destinations()
                + " destinations, "
                + c.flowChanges()
                + " flow changes, reaction "
                + c.reactionNanos() / 1000
                + " us}";
    }
}
