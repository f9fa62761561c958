package org.weft.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weft.net.flow.Cookies;
import org.weft.net.intent.StaticFlowService;
import org.weft.openflow.emulator.EmulatedSwitch;
import org.weft.rest.RestTestBed.Reply;

class PersistenceIT {

    @TempDir Path dir;

    private static boolean hasStaticFlow(EmulatedSwitch sw, int priority) {
        return sw.table().flows().stream()
                .anyMatch(
                        r ->
                                Cookies.appId(r.cookie()) == StaticFlowService.APP_ID
                                        && r.priority() == priority);
    }

    private static String stateOf(RestTestBed bed, String id) {
        for (var f : bed.get0("/api/v1/flows/static")) {
            if (f.get("id").asText().equals(id)) {
                return f.get("state").asText();
            }
        }
        return "absent";
    }

    @Test
    void staticFlowsSurviveARestartAndReturnWhenTheirSwitchReconnects() throws Exception {
        String id;
        String deleted;
        try (RestTestBed first = new RestTestBed(dir)) {
            EmulatedSwitch sw = first.connect(1);
            Reply created = first.post("/api/v1/flows", FlowRoutesIT.FLOW);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            id = created.json().get("id").asText();
            assertThat(hasStaticFlow(sw, 1000)).isTrue();

            Reply second = first.post("/api/v1/flows", FlowRoutesIT.FLOW.replace("1000", "999"));
            assertThat(second.status()).as(second.body()).isEqualTo(201);
            deleted = second.json().get("id").asText();
            assertThat(first.delete("/api/v1/flows/" + deleted).status()).isEqualTo(204);
        }

        try (RestTestBed second = new RestTestBed(dir)) {
            Reply kept = second.get("/api/v1/flows/static");
            assertThat(kept.json()).hasSize(1);
            assertThat(kept.json().get(0).get("id").asText()).isEqualTo(id);
            assertThat(kept.json().get(0).get("state").asText()).isEqualTo("SWITCH_DISCONNECTED");

            // A fresh switch (empty table) with the same DPID gets the flow when it connects:
            // the reconciler's connect pass installs what the store holds.
            EmulatedSwitch fresh = second.connect(1);
            RestTestBed.waitUntil(() -> hasStaticFlow(fresh, 1000), Duration.ofSeconds(10));
            RestTestBed.waitUntil(
                    () -> stateOf(second, id).equals("INSTALLED"), Duration.ofSeconds(10));

            // Ids keep counting past every id handed out before, deleted ones included.
            Reply next = second.post("/api/v1/flows", FlowRoutesIT.FLOW.replace("1000", "1001"));
            assertThat(next.status()).as(next.body()).isEqualTo(201);
            assertThat(Long.parseLong(next.json().get("id").asText()))
                    .isGreaterThan(Long.parseLong(deleted));

            // Reconnecting again re-installs again.
            fresh.table().removeMatching(r -> true);
            fresh.close();
            RestTestBed.waitUntil(
                    () -> !second.controller.deviceService().isConnected(fresh.dpid()),
                    Duration.ofSeconds(5));
            EmulatedSwitch again = second.connect(1);
            RestTestBed.waitUntil(
                    () -> hasStaticFlow(again, 1000) && hasStaticFlow(again, 1001),
                    Duration.ofSeconds(10));
        }
    }
}
