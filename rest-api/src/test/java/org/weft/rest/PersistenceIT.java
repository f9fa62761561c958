package org.weft.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weft.net.flow.Cookies;
import org.weft.openflow.emulator.EmulatedSwitch;
import org.weft.rest.RestTestBed.Reply;
import org.weft.rest.flows.StaticFlowService;

class PersistenceIT {

    @TempDir Path dir;

    private static boolean hasStaticFlow(EmulatedSwitch sw, int priority) {
        return sw.table().flows().stream()
                .anyMatch(
                        r ->
                                Cookies.appId(r.cookie()) == StaticFlowService.APP_ID
                                        && r.priority() == priority);
    }

    @Test
    void staticFlowsSurviveARestartAndReturnWhenTheirSwitchReconnects() throws Exception {
        String id;
        try (RestTestBed first = new RestTestBed(dir)) {
            EmulatedSwitch sw = first.connect(1);
            Reply created = first.post("/api/v1/flows", FlowRoutesIT.FLOW);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            id = created.json().get("id").asText();
            assertThat(hasStaticFlow(sw, 1000)).isTrue();
        }

        try (RestTestBed second = new RestTestBed(dir)) {
            Reply kept = second.get("/api/v1/flows/static");
            assertThat(kept.json()).hasSize(1);
            assertThat(kept.json().get(0).get("id").asText()).isEqualTo(id);
            assertThat(kept.json().get(0).get("installed").asBoolean()).isFalse();

            // A fresh switch (empty table) with the same DPID gets the flow when it connects.
            EmulatedSwitch fresh = second.connect(1);
            RestTestBed.waitUntil(() -> hasStaticFlow(fresh, 1000), Duration.ofSeconds(5));
            RestTestBed.waitUntil(
                    () -> second.server.staticFlows().get(id).orElseThrow().installed(),
                    Duration.ofSeconds(5));

            // Ids keep counting past the stored ones.
            Reply next = second.post("/api/v1/flows", FlowRoutesIT.FLOW.replace("1000", "1001"));
            assertThat(next.status()).as(next.body()).isEqualTo(201);
            assertThat(next.json().get("id").asText()).isNotEqualTo(id);

            // Reconnecting again re-installs again.
            fresh.table().removeMatching(r -> true);
            fresh.close();
            RestTestBed.waitUntil(
                    () -> !second.controller.deviceService().isConnected(fresh.dpid()),
                    Duration.ofSeconds(5));
            EmulatedSwitch again = second.connect(1);
            RestTestBed.waitUntil(
                    () -> hasStaticFlow(again, 1000) && hasStaticFlow(again, 1001),
                    Duration.ofSeconds(5));
        }
    }
}
