package org.weft.rest.routes;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import org.weft.net.failover.FailoverService;
import org.weft.rest.events.FailoverEventSource;

/**
 * {@code /failover/events}: the failover app's recent events (its bounded history), oldest first,
 * in the shape of the event stream's {@code failover} messages, so a client that connects late (the
 * web console) sees what happened before it came.
 */
public final class FailoverRoutes {

    private final FailoverService failover;

    /**
     * @param failover null: the route answers 503 (routing, and with it failover, disabled)
     */
    public FailoverRoutes(FailoverService failover) {
        this.failover = failover;
    }

    public void register(RoutesConfig r, String base) {
        r.get(base + "/failover/events", this::events);
    }

    private void events(Context ctx) {
        List<Object> out =
                Params.available(failover, "failover").recentEvents().stream()
                        .map(e -> (Object) FailoverEventSource.json(e))
                        .toList();
        ctx.json(out);
    }
}
