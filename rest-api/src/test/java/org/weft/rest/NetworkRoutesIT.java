package org.weft.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weft.net.ConnectPoint;
import org.weft.net.flow.Cookies;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowRule;
import org.weft.openflow.emulator.EmulatedFabric;
import org.weft.openflow.emulator.EmulatedSwitch;
import org.weft.rest.RestTestBed.Reply;
import org.weft.rest.metrics.WeftMetrics;

/**
 * Links, paths, link weights and steering against a ring of four emulated switches: switch i port 1
 * is cabled to switch i+1 port 2 (and 4 to 1); hosts 10.0.0.1 on switch 1 port 3 and 10.0.0.3 on
 * switch 3 port 3.
 */
class NetworkRoutesIT {

    private static final String WEIGHT_1_2 =
            "{\"src\":{\"dpid\":\"0000000000000001\",\"port\":1},\"dst\":{\"dpid\":\"0000000000000002\",\"port\":2},\"weight\":%s}";

    @TempDir Path dir;

    private static EmulatedFabric ring(RestTestBed bed) throws Exception {
        EmulatedFabric f = bed.connect(EmulatedFabric.builder().ring(4).build());
        bed.announceHost(f.get(1), 3, "0a:00:00:00:00:01", "10.0.0.1");
        bed.announceHost(f.get(3), 3, "0a:00:00:00:00:03", "10.0.0.3");
        return f;
    }

    private static List<FlowRule> steeringFlows(EmulatedSwitch sw) {
        return sw.table().flows().stream()
                .filter(r -> Cookies.appId(r.cookie()) == Cookies.STEERING_APP)
                .toList();
    }

    private static boolean steersOut(EmulatedSwitch sw, int port) {
        List<FlowRule> flows = steeringFlows(sw);
        return flows.size() == 1
                && flows.get(0).priority() == 2000
                && flows.get(0).actions().equals(List.of(FlowAction.output(port)));
    }

    @Test
    void linksHostsTopologyAndKPathsInCostOrder() throws Exception {
        try (RestTestBed bed = new RestTestBed(dir)) {
            ring(bed);
            Reply links = bed.get("/api/v1/links");
            assertThat(links.json()).hasSize(8);
            assertThat(links.json().get(0).get("adminWeight").asDouble()).isEqualTo(1.0);
            assertThat(links.json().get(0).get("state").asText()).isEqualTo("ACTIVE");
            assertThat(bed.get("/api/v1/hosts").json()).hasSize(2);
            JsonNode topo = bed.get("/api/v1/topology").json();
            assertThat(topo.get("switchCount").asInt()).isEqualTo(4);
            assertThat(topo.get("components")).hasSize(1);
            assertThat(topo.get("treeLinks")).hasSize(6);

            // 1 -> 2: the direct link (cost 1), then around the ring (cost 3).
            Reply paths =
                    bed.get("/api/v1/paths?src=0a:00:00:00:00:01&dst=of:0000000000000002&k=5");
            assertThat(paths.status()).as(paths.body()).isEqualTo(200);
            assertThat(paths.json()).hasSize(2);
            assertThat(paths.json().get(0).get("cost").asDouble()).isEqualTo(1.0);
            assertThat(paths.json().get(1).get("cost").asDouble()).isEqualTo(3.0);
            assertThat(paths.json().get(1).get("hops")).hasSize(3);
            assertThat(bed.get("/api/v1/paths?src=10.0.0.1&dst=10.0.0.3").json()).hasSize(1);

            assertThat(bed.get("/api/v1/paths?src=10.0.0.1&dst=10.0.0.3&k=0").status())
                    .isEqualTo(400);
            assertThat(bed.get("/api/v1/paths?src=10.0.0.1&dst=10.0.0.3&metric=x").status())
                    .isEqualTo(400);
            assertThat(bed.get("/api/v1/paths?src=10.0.0.1&dst=not-a-thing").status())
                    .isEqualTo(400);
            assertThat(bed.get("/api/v1/paths?src=10.0.0.1&dst=0a:00:00:00:00:99").status())
                    .isEqualTo(404);
            assertThat(bed.get("/api/v1/paths?src=10.0.0.1&dst=0000000000000009").status())
                    .isEqualTo(404);

            // A weight on 1->2 makes the way around cheaper under ADMIN_WEIGHT.
            assertThat(bed.post("/api/v1/link-weights", WEIGHT_1_2.formatted(10)).status())
                    .isEqualTo(200);
            String weightedPaths =
                    "/api/v1/paths?src=0000000000000001&dst=0000000000000002&k=2&metric=admin_weight";
            // The snapshot follows the weight after its batch window.
            RestTestBed.waitUntil(
                    () -> bed.get0(weightedPaths).get(0).get("cost").asDouble() == 3.0,
                    Duration.ofSeconds(5));
            assertThat(bed.get0(weightedPaths).get(1).get("cost").asDouble()).isEqualTo(10.0);
            assertThat(bed.server.routes()).contains("GET /api/v1/paths");
            assertThat(bed.get("/metrics").body())
                    .contains("weft_links 8.0")
                    .contains("weft_hosts 2.0");
        }
    }

    @Test
    void linkWeightsSurviveARestart() throws Exception {
        try (RestTestBed first = new RestTestBed(dir)) {
            ring(first);
            assertThat(first.post("/api/v1/link-weights", WEIGHT_1_2.formatted(-3)).status())
                    .isEqualTo(400);
            assertThat(
                            first.post(
                                            "/api/v1/link-weights",
                                            WEIGHT_1_2
                                                    .formatted(7)
                                                    .replace("\"port\":2", "\"port\":3"))
                                    .status())
                    .isEqualTo(404);
            assertThat(first.post("/api/v1/link-weights", WEIGHT_1_2.formatted(7)).status())
                    .isEqualTo(200);
        }
        try (RestTestBed second = new RestTestBed(dir)) {
            assertThat(second.get("/api/v1/link-weights").json()).hasSize(2);
            ring(second);
            RestTestBed.waitUntil(
                    () -> {
                        JsonNode links = second.get0("/api/v1/links");
                        int weighted = 0;
                        for (JsonNode l : links) {
                            if (l.get("adminWeight").asDouble() == 7.0) {
                                weighted++;
                            }
                        }
                        return weighted == 2;
                    },
                    Duration.ofSeconds(5));
        }
    }

    @Test
    void steeringInstallsAlongThePathFollowsBreaksAndIsRemoved() throws Exception {
        try (RestTestBed bed = new RestTestBed(dir)) {
            EmulatedFabric f = ring(bed);
            String body =
                    "{\"ipv4Dst\":\"10.0.0.3\",\"ipProto\":6,\"tcpDst\":443,"
                            + "\"path\":[\"0000000000000001\",\"0000000000000004\",\"0000000000000003\"]}";
            Reply created = bed.post("/api/v1/steering", body);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.json().get("state").asText()).isEqualTo("INSTALLED");
            String id = created.json().get("id").asText();
            // 1 reaches 4 on its port 2, 4 reaches 3 on its port 2, 3 delivers on port 3.
            assertThat(steersOut(f.get(1), 2)).isTrue();
            assertThat(steersOut(f.get(4), 2)).isTrue();
            assertThat(steersOut(f.get(3), 3)).isTrue();
            assertThat(steeringFlows(f.get(2))).isEmpty();
            FlowRule r = steeringFlows(f.get(1)).get(0);
            assertThat(r.match().tcpDst()).isEqualTo(443);
            assertThat(r.match().ipv4Dst().toString()).isEqualTo("10.0.0.3");

            assertThat(
                            bed.post(
                                            "/api/v1/steering",
                                            body.replace("0000000000000004", "0000000000000009"))
                                    .status())
                    .isEqualTo(404);
            Reply unlinked =
                    bed.post("/api/v1/steering", body.replace("\"0000000000000004\",", ""));
            assertThat(unlinked.status()).isEqualTo(422);
            assertThat(unlinked.json().get("detail").asText()).contains("not linked");
            assertThat(bed.post("/api/v1/steering", "{\"ipv4Dst\":\"10.0.0.3\"}").status())
                    .isEqualTo(400);

            // Cutting 4-3 breaks the explicit path: flagged, flows removed.
            f.cut(f.cableAt(ConnectPoint.of(4, 2)).orElseThrow());
            RestTestBed.waitUntil(
                    () ->
                            bed.get0("/api/v1/steering")
                                    .get(0)
                                    .get("state")
                                    .asText()
                                    .equals("BROKEN"),
                    Duration.ofSeconds(10));
            assertThat(bed.get0("/api/v1/steering").get(0).get("detail").asText())
                    .contains("00:00:00:00:00:00:00:04");
            RestTestBed.waitUntil(() -> steeringFlows(f.get(1)).isEmpty(), Duration.ofSeconds(5));

            // An avoid-links rule goes the other way round.
            Reply avoid =
                    bed.post(
                            "/api/v1/steering",
                            "{\"ipv4Src\":\"10.0.0.1\",\"ipv4Dst\":\"10.0.0.3\",\"udpDst\":53,"
                                    + "\"ipProto\":17,\"avoidLinks\":[{\"src\":{\"dpid\":\"0000000000000001\","
                                    + "\"port\":1},\"dst\":{\"dpid\":\"0000000000000002\",\"port\":2}}]}");
            assertThat(avoid.status()).as(avoid.body()).isEqualTo(201);
            assertThat(avoid.json().get("state").asText()).as(avoid.body()).isEqualTo("NO_PATH");
            f.restore(f.cableAt(ConnectPoint.of(4, 2)).orElseThrow());
            RestTestBed.waitUntil(
                    () -> steeringFlows(f.get(4)).size() == 2, Duration.ofSeconds(10));

            assertThat(bed.delete("/api/v1/steering/" + id).status()).isEqualTo(204);
            assertThat(bed.delete("/api/v1/steering/" + id).status()).isEqualTo(404);
            RestTestBed.waitUntil(() -> steeringFlows(f.get(4)).size() == 1, Duration.ofSeconds(5));
            assertThat(bed.get("/api/v1/steering").json()).hasSize(1);
        }
    }

    @Test
    void routesOfMissingServicesAnswer503() throws Exception {
        try (RestTestBed bed = new RestTestBed(dir)) {
            RestServices bare =
                    new RestServices(
                            bed.controller.deviceService(),
                            bed.controller.statsService(),
                            new org.weft.intent.StaticFlowManager(
                                    bed.controller.deviceService(),
                                    bed.controller.flowRuleService(),
                                    new org.weft.store.impl.MemoryIntentStore(),
                                    Duration.ofSeconds(1),
                                    null),
                            new WeftMetrics(),
                            List.of());
            try (RestServer server =
                    RestServer.start(
                            RestConfig.defaults(dir.resolve("bare"))
                                    .withPort(0)
                                    .withToken(RestTestBed.TOKEN, false),
                            bare,
                            Map.<String, String>of()::get)) {
                for (String path :
                        List.of(
                                "/links",
                                "/hosts",
                                "/topology",
                                "/paths?src=1&dst=2",
                                "/link-weights",
                                "/routing",
                                "/steering")) {
                    var r =
                            bed.http.send(
                                    java.net.http.HttpRequest.newBuilder(
                                                    java.net.URI.create(
                                                            "http://127.0.0.1:"
                                                                    + server.port()
                                                                    + "/api/v1"
                                                                    + path))
                                            .build(),
                                    java.net.http.HttpResponse.BodyHandlers.ofString());
                    assertThat(r.statusCode()).as(path).isEqualTo(503);
                    assertThat(r.body()).contains("\"error\":\"unavailable\"");
                }
            }
        }
    }
}
