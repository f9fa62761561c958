package org.weft.rest.routes;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.function.IntSupplier;
import org.weft.health.Health;
import org.weft.health.HealthService;
import org.weft.rest.dto.HealthDto;

/**
 * {@code /health}: 200 {@code UP} or 503 {@code DEGRADED} with the reasons. Never waits for a
 * switch (everything it reports is read from counters and queues), and needs no token.
 */
public final class HealthRoutes {

    private final HealthService health;
    private final IntSupplier staticFlows;
    private final IntSupplier eventClients;
    private final long startedAtMillis = System.currentTimeMillis();

    public HealthRoutes(HealthService health, IntSupplier staticFlows, IntSupplier eventClients) {
        this.health = health;
        this.staticFlows = staticFlows;
        this.eventClients = eventClients;
    }

    public void register(RoutesConfig r, String base) {
        r.get(base + "/health", this::health);
    }

    private void health(Context ctx) {
        Health h = health.check();
        ctx.status(h.up() ? 200 : 503)
                .json(
                        new HealthDto(
                                h.up() ? "UP" : "DEGRADED",
                                h.reasons(),
                                h.switchesConnected(),
                                h.divergedSwitches().stream().map(Object::toString).toList(),
                                h.failedBatchesLastMinute(),
                                h.queues().stream()
                                        .map(
                                                q ->
                                                        new HealthDto.Queue(
                                                                q.name(), q.depth(), q.bound()))
                                        .toList(),
                                staticFlows.getAsInt(),
                                eventClients.getAsInt(),
                                (System.currentTimeMillis() - startedAtMillis) / 1000));
    }
}
