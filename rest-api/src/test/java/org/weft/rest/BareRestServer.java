package org.weft.rest;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.weft.health.HealthService;
import org.weft.intent.StaticFlowManager;
import org.weft.net.failover.FailoverService;
import org.weft.net.stats.StatsService;
import org.weft.net.testing.FakeDeviceService;
import org.weft.rest.metrics.WeftMetrics;
import org.weft.store.impl.MemoryIntentStore;

/**
 * A REST server on a free port over a fake device service, the given stats and only the other
 * services a test names (no network, routing, steering or reconciler); static flows are accepted
 * and never sent.
 */
final class BareRestServer {

    static final String TOKEN = "t0123456789abcdef";

    private BareRestServer() {}

    /**
     * @param health null: UP whenever REST answers
     * @param failover null: {@code /failover/events} answers 503
     */
    static RestServer start(
            Path dir,
            FakeDeviceService devices,
            StatsService stats,
            boolean readsNeedToken,
            HealthService health,
            FailoverService failover)
            throws IOException {
        RestServices services =
                new RestServices(
                        devices,
                        stats,
                        new StaticFlowManager(
                                devices,
                                (dpid, ops) -> new CompletableFuture<>(),
                                new MemoryIntentStore(),
                                Duration.ofSeconds(1),
                                null),
                        new WeftMetrics(),
                        List.of(),
                        null,
                        null,
                        null,
                        null,
                        health,
                        failover);
        return RestServer.start(
                RestConfig.defaults(dir).withPort(0).withToken(TOKEN, readsNeedToken),
                services,
                Map.<String, String>of()::get);
    }
}
