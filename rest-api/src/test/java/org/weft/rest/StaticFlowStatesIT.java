package org.weft.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weft.net.flow.Cookies;
import org.weft.net.flow.FlowRule;
import org.weft.net.intent.StaticFlowService;
import org.weft.openflow.emulator.EmulatedSwitch;
import org.weft.openflow.emulator.FlowModError;
import org.weft.rest.RestTestBed.Reply;

/** Each static flow's state as REST shows it, against emulated switches and the reconciler. */
class StaticFlowStatesIT {

    @TempDir Path dir;

    private static List<FlowRule> staticFlowsIn(EmulatedSwitch sw) {
        return sw.table().flows().stream()
                .filter(r -> Cookies.appId(r.cookie()) == StaticFlowService.APP_ID)
                .toList();
    }

    private static JsonNode flow(RestTestBed bed, String id) {
        for (JsonNode f : bed.get0("/api/v1/flows/static")) {
            if (f.get("id").asText().equals(id)) {
                return f;
            }
        }
        return null;
    }

    private static String stateOf(RestTestBed bed, String id) {
        JsonNode f = flow(bed, id);
        return f == null ? "absent" : f.get("state").asText();
    }

    private static CompletableFuture<Reply> postLater(RestTestBed bed, String body) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return bed.post("/api/v1/flows", body);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    @Test
    void aFlowIsPendingUntilTheSwitchConfirmsItThenInstalled() throws Exception {
        try (RestTestBed bed = new RestTestBed(dir)) {
            EmulatedSwitch sw = bed.connect(1);
            // Barrier requests are held (not answered) until released.
            sw.holdBarriers();

            CompletableFuture<Reply> post = postLater(bed, FlowRoutesIT.FLOW);
            RestTestBed.waitUntil(
                    () -> stateOf(bed, "1").equals("PENDING") && sw.heldBarriers() > 0,
                    Duration.ofSeconds(5));
            assertThat(post).isNotDone();

            sw.releaseBarriers();

            Reply created = post.get(10, TimeUnit.SECONDS);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.json().get("state").asText()).isEqualTo("INSTALLED");
            assertThat(stateOf(bed, "1")).isEqualTo("INSTALLED");
        }
    }

    @Test
    void aFlowTheSwitchRejectsOnReconciliationIsFailedWithTheErrorUntilAPassInstallsIt()
            throws Exception {
        try (RestTestBed bed = new RestTestBed(dir)) {
            EmulatedSwitch sw = bed.connect(1);
            Reply created = bed.post("/api/v1/flows", FlowRoutesIT.FLOW);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String id = created.json().get("id").asText();

            // The entry is lost and the switch now refuses it: the reconciler's pass fails.
            sw.rejectFlowModsWith(FlowModError.TABLE_FULL);
            sw.table().removeMatching(r -> Cookies.appId(r.cookie()) == StaticFlowService.APP_ID);
            bed.reconciler.reconcile(sw.dpid());
            RestTestBed.waitUntil(() -> stateOf(bed, id).equals("FAILED"), Duration.ofSeconds(10));
            assertThat(flow(bed, id).get("error").asText()).isEqualTo("FLOW_MOD_FAILED/TABLE_FULL");

            sw.rejectFlowModsWith(null);
            bed.reconciler.reconcile(sw.dpid());
            RestTestBed.waitUntil(
                    () -> stateOf(bed, id).equals("INSTALLED"), Duration.ofSeconds(10));
            assertThat(flow(bed, id).get("error").isNull()).isTrue();
            assertThat(staticFlowsIn(sw)).hasSize(1);
        }
    }

    @Test
    void aFlowRejectedWhenPushedIsNotKept() throws Exception {
        try (RestTestBed bed = new RestTestBed(dir)) {
            EmulatedSwitch sw = bed.connect(1);
            sw.rejectFlowModsWith(FlowModError.TABLE_FULL);
            Reply rejected = bed.post("/api/v1/flows", FlowRoutesIT.FLOW);
            assertThat(rejected.status()).as(rejected.body()).isEqualTo(422);
            assertThat(rejected.json().get("error").asText()).isEqualTo("switch rejected");
            assertThat(rejected.json().get("detail").asText())
                    .contains("FLOW_MOD_FAILED/TABLE_FULL");
            assertThat(bed.get("/api/v1/flows/static").json()).isEmpty();
        }
    }

    @Test
    void aDeletionWhileTheSwitchIsAwayIsAppliedWhenItReturns() throws Exception {
        try (RestTestBed bed = new RestTestBed(dir)) {
            EmulatedSwitch sw = bed.connect(1);
            String gone = bed.post("/api/v1/flows", FlowRoutesIT.FLOW).json().get("id").asText();
            String kept =
                    bed.post("/api/v1/flows", FlowRoutesIT.FLOW.replace("1000", "1001"))
                            .json()
                            .get("id")
                            .asText();
            assertThat(staticFlowsIn(sw)).hasSize(2);

            sw.close();
            RestTestBed.waitUntil(
                    () -> !bed.controller.deviceService().isConnected(sw.dpid()),
                    Duration.ofSeconds(5));
            assertThat(stateOf(bed, gone)).isEqualTo("SWITCH_DISCONNECTED");
            assertThat(stateOf(bed, kept)).isEqualTo("SWITCH_DISCONNECTED");

            Reply deleted = bed.delete("/api/v1/flows/" + gone);
            assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
            assertThat(stateOf(bed, gone)).isEqualTo("absent");
            assertThat(staticFlowsIn(sw)).as("the switch was away").hasSize(2);

            // The same switch, its table as it was, comes back: the connect pass converges it.
            bed.connect(sw);
            RestTestBed.waitUntil(
                    () ->
                            staticFlowsIn(sw).size() == 1
                                    && staticFlowsIn(sw).get(0).priority() == 1001,
                    Duration.ofSeconds(10));
            RestTestBed.waitUntil(
                    () -> stateOf(bed, kept).equals("INSTALLED"), Duration.ofSeconds(10));
        }
    }

    @Test
    void aBarrierSilentSwitchGets504AfterTheTimeoutWhileAHealthyOneGets201AtOnce()
            throws Exception {
        RestConfig config =
                RestConfig.defaults(dir)
                        .withPort(0)
                        .withToken(RestTestBed.TOKEN, false)
                        .withSwitchCalls(Duration.ofMillis(1500), 64);
        try (RestTestBed bed = new RestTestBed(config, Map.of())) {
            EmulatedSwitch silent = bed.connect(1);
            EmulatedSwitch healthy = bed.connect(2);
            silent.setBarrierSilent(true);

            long start = System.nanoTime();
            CompletableFuture<Reply> stuck = postLater(bed, FlowRoutesIT.FLOW);
            RestTestBed.waitUntil(() -> !staticFlowsIn(silent).isEmpty(), Duration.ofSeconds(5));

            long healthyStart = System.nanoTime();
            Reply ok = bed.post("/api/v1/flows", FlowRoutesIT.FLOW.replace(":01\"", ":02\""));
            long healthyMs = (System.nanoTime() - healthyStart) / 1_000_000;
            assertThat(ok.status()).as(ok.body()).isEqualTo(201);
            assertThat(healthyMs).as("the healthy switch's POST, ms").isLessThan(1000);
            assertThat(stuck).as("still waiting for the silent switch").isNotDone();

            Reply timedOut = stuck.get(10, TimeUnit.SECONDS);
            long stuckMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(timedOut.status()).as(timedOut.body()).isEqualTo(504);
            assertThat(timedOut.json().get("error").asText()).isEqualTo("switch timeout");
            assertThat(timedOut.json().get("detail").asText())
                    .contains("not kept")
                    .contains("1500 ms");
            assertThat(stuckMs).isBetween(1400L, 5000L);

            JsonNode kept = bed.get("/api/v1/flows/static").json();
            assertThat(kept).hasSize(1);
            assertThat(kept.get(0).get("dpid").asText()).isEqualTo("00:00:00:00:00:00:00:02");
            // The flow-mod reached the silent switch; the reconciler removes the remnant.
            RestTestBed.waitUntil(() -> staticFlowsIn(silent).isEmpty(), Duration.ofSeconds(15));
            assertThat(staticFlowsIn(healthy)).hasSize(1);
        }
    }

    @Test
    void beyondTheInFlightBoundWritesAndReadsGet429WhileHealthAnswers() throws Exception {
        RestConfig config =
                RestConfig.defaults(dir)
                        .withPort(0)
                        .withToken(RestTestBed.TOKEN, false)
                        .withSwitchCalls(Duration.ofSeconds(3), 2);
        try (RestTestBed bed = new RestTestBed(config, Map.of())) {
            EmulatedSwitch sw = bed.connect(1);
            sw.setBarrierSilent(true);
            CompletableFuture<Reply> first = postLater(bed, FlowRoutesIT.FLOW);
            CompletableFuture<Reply> second =
                    postLater(bed, FlowRoutesIT.FLOW.replace("1000", "1001"));
            RestTestBed.waitUntil(
                    () -> bed.get0("/api/v1/flows/static").size() == 2, Duration.ofSeconds(5));

            Reply third = bed.post("/api/v1/flows", FlowRoutesIT.FLOW.replace("1000", "1002"));
            assertThat(third.status()).as(third.body()).isEqualTo(429);
            assertThat(third.raw().headers().firstValue("Retry-After")).hasValue("1");
            assertThat(third.json().get("error").asText()).isEqualTo("too many requests");
            assertThat(third.json().get("detail").asText()).contains("rest.maxSwitchCalls");
            Reply read = bed.get("/api/v1/flows?dpid=0000000000000001");
            assertThat(read.status()).as(read.body()).isEqualTo(429);

            long start = System.nanoTime();
            Reply health = bed.get("/api/v1/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1000);

            assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(504);
            assertThat(second.get(10, TimeUnit.SECONDS).status()).isEqualTo(504);
            sw.setBarrierSilent(false);
            Reply after = bed.post("/api/v1/flows", FlowRoutesIT.FLOW.replace("1000", "1003"));
            assertThat(after.status()).as("places were given back: " + after.body()).isEqualTo(201);
        }
    }
}
