package org.weft.rest.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.weft.net.failover.FailoverEvent;
import org.weft.net.failover.FailoverListener;
import org.weft.net.failover.FailoverService;
import org.weft.net.routing.RouteChange;

/**
 * Failover events as {@code failover} SSE messages: REROUTED or RECOVERED, what was lost, and the
 * timings (detected at, re-routed at, reaction), destinations and flow changes.
 */
public final class FailoverEventSource implements EventSource {

    private final FailoverService failover;

    public FailoverEventSource(FailoverService failover) {
        this.failover = failover;
    }

    @Override
    public AutoCloseable subscribe(Consumer<Supplier<RestEvent>> sink) {
        FailoverListener l = e -> sink.accept(() -> new RestEvent("failover", json(e)));
        failover.addListener(l);
        return () -> failover.removeListener(l);
    }

    /**
     * A failover event as REST shows it, in the stream and in {@code GET /failover/events}: type,
     * cause, what was lost, timings, destinations and flow changes.
     */
    public static Map<String, Object> json(FailoverEvent e) {
        RouteChange c = e.subject();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", e.type().name());
        data.put("cause", c.cause().name());
        data.put("linksLost", c.linksLost().stream().map(Object::toString).toList());
        data.put("switchesLost", c.switchesLost().stream().map(Object::toString).toList());
        data.put("detectedAtMillis", c.detectedAtMillis());
        data.put("reroutedAtMillis", c.reroutedAtMillis());
        data.put("reactionMillis", c.reactionNanos() / 1e6);
        data.put("destinations", c.destinations());
        data.put("flowChanges", c.flowChanges());
        return data;
    }

    /** The sources REST streams, with failover events only when there is a failover service. */
    public static List<EventSource> with(List<EventSource> others, FailoverService failover) {
        if (failover == null) {
            return others;
        }
        List<EventSource> all = new java.util.ArrayList<>(others);
        all.add(new FailoverEventSource(failover));
        return all;
    }
}
