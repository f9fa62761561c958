package org.weft.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weft.net.flow.FlowRule;
import org.weft.net.intent.StaticFlowService;
import org.weft.openflow.emulator.EmulatedSwitch;
import org.weft.openflow.emulator.FlowModError;
import org.weft.rest.RestTestBed.Reply;

class FlowRoutesIT {

    static final String FLOW =
            """
            {"dpid":"00:00:00:00:00:00:00:01","priority":1000,
             "match":{"inPort":1,"ethDst":"0a:00:00:00:00:02","ethType":"0x0800","ipProto":6,
                      "ipv4Dst":"10.0.0.2","tcpDst":80},
             "actions":[{"type":"OUTPUT","port":3}],"idleTimeout":0,"hardTimeout":0}
            """;

    @TempDir Path dir;

    private static List<FlowRule> staticFlowsIn(EmulatedSwitch sw) {
        return sw.table().flows().stream()
                .filter(r -> (r.cookie() >>> 48) == StaticFlowService.APP_ID)
                .toList();
    }

    @Test
    void aPushedFlowIsOnTheSwitchWhenAcknowledgedAndGoneWhenDeleted() throws Exception {
        try (RestTestBed bed = new RestTestBed(dir)) {
            EmulatedSwitch sw = bed.connect(1);

            Reply created = bed.post("/api/v1/flows", FLOW);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String id = created.json().get("id").asText();
            assertThat(created.json().get("state").asText()).isEqualTo("INSTALLED");
            assertThat(created.json().get("error").isNull()).isTrue();

            // Barrier-confirmed: already in the switch's table when the answer arrives.
            assertThat(staticFlowsIn(sw)).hasSize(1);
            assertThat(sw.table().flows())
                    .anyMatch(r -> r.priority() == 1000 && r.match().tcpDst() == 80);

            Reply flows = bed.get("/api/v1/flows?dpid=0000000000000001");
            assertThat(flows.status()).isEqualTo(200);
            assertThat(flows.json())
                    .anySatisfy(
                            f -> {
                                assertThat(f.path("staticFlowId").asText()).isEqualTo(id);
                                assertThat(f.get("app").asText()).isEqualTo("static");
                                assertThat(f.get("appId").asInt())
                                        .isEqualTo(StaticFlowService.APP_ID);
                                assertThat(f.get("priority").asInt()).isEqualTo(1000);
                                assertThat(f.get("match").get("tcpDst").asInt()).isEqualTo(80);
                                assertThat(f.get("match").get("ethType").asInt()).isEqualTo(0x0800);
                                assertThat(f.get("actions").get(0).get("port").asInt())
                                        .isEqualTo(3);
                                assertThat(f.has("packets")).isTrue();
                                assertThat(f.has("bytes")).isTrue();
                            });
            assertThat(flows.json())
                    .anySatisfy(f -> assertThat(f.get("app").asText()).isEqualTo("core"));

            Reply list = bed.get("/api/v1/flows/static");
            assertThat(list.json()).hasSize(1);
            assertThat(list.json().get(0).get("id").asText()).isEqualTo(id);

            Reply deleted = bed.delete("/api/v1/flows/" + id);
            assertThat(deleted.status()).isEqualTo(204);
            assertThat(staticFlowsIn(sw)).isEmpty();
            assertThat(bed.get("/api/v1/flows/static").json()).isEmpty();

            Reply again = bed.delete("/api/v1/flows/" + id);
            assertThat(again.status()).isEqualTo(404);
            assertThat(again.json().get("error").asText()).isEqualTo("not found");
        }
    }

    @Test
    void emptyActionsMeanDropAndReservedPortsAreNamed() throws Exception {
        try (RestTestBed bed = new RestTestBed(dir)) {
            EmulatedSwitch sw = bed.connect(1);
            Reply drop =
                    bed.post(
                            "/api/v1/flows",
                            "{\"dpid\":\"of:0000000000000001\",\"priority\":5,\"actions\":[]}");
            assertThat(drop.status()).as(drop.body()).isEqualTo(201);
            Reply flood =
                    bed.post(
                            "/api/v1/flows",
                            "{\"dpid\":\"0000000000000001\",\"priority\":6,"
                                    + "\"match\":{\"inPort\":2},"
                                    + "\"actions\":[{\"type\":\"OUTPUT\",\"port\":\"FLOOD\"}]}");
            assertThat(flood.status()).as(flood.body()).isEqualTo(201);
            assertThat(flood.json().get("actions").get(0).get("port").asText()).isEqualTo("FLOOD");
            assertThat(staticFlowsIn(sw))
                    .anySatisfy(r -> assertThat(r.actions()).isEmpty())
                    .hasSize(2);
        }
    }

    @Test
    void malformedRequestsAre400AndChangeNothing() throws Exception {
        try (RestTestBed bed = new RestTestBed(dir)) {
            EmulatedSwitch sw = bed.connect(1);
            String dpid = "\"dpid\":\"00:00:00:00:00:00:00:01\"";
            List<String> bad =
                    List.of(
                            "{not json",
                            "",
                            "null",
                            "[]",
                            "{" + dpid + ",\"priority\":1,\"colour\":\"red\"}",
                            "{" + dpid + ",\"priority\":\"1\"}",
                            "{" + dpid + ",\"priority\":1.5}",
                            "{" + dpid + ",\"priority\":70000}",
                            "{" + dpid + "}",
                            "{\"dpid\":\"00:01\",\"priority\":1}",
                            "{" + dpid + ",\"priority\":1,\"match\":{\"tcpDst\":80}}",
                            "{" + dpid + ",\"priority\":1,\"match\":{\"ethDst\":\"zz\"}}",
                            "{" + dpid + ",\"priority\":1,\"match\":{\"inPort\":\"1\"}}",
                            "{" + dpid + ",\"priority\":1,\"actions\":[{\"type\":\"TELEPORT\"}]}",
                            "{" + dpid + ",\"priority\":1,\"actions\":[{\"type\":\"OUTPUT\"}]}",
                            "{"
                                    + dpid
                                    + ",\"priority\":1,\"actions\":[{\"type\":\"OUTPUT\",\"port\":1,\"groupId\":2}]}",
                            "{" + dpid + ",\"priority\":1,\"idleTimeout\":-1}");
            for (String body : bad) {
                Reply r = bed.post("/api/v1/flows", body);
                assertThat(r.status()).as("%s -> %s", body, r.body()).isEqualTo(400);
                assertThat(r.json().get("error").asText()).isEqualTo("bad request");
                assertThat(r.json().get("detail").asText()).isNotBlank();
            }
            assertThat(staticFlowsIn(sw)).isEmpty();
            assertThat(bed.get("/api/v1/flows/static").json()).isEmpty();
        }
    }

    @Test
    void requestsContradictingTheNetworkAre409Or422AndChangeNothing() throws Exception {
        try (RestTestBed bed = new RestTestBed(dir)) {
            EmulatedSwitch sw = bed.connect(1);

            Reply notConnected = bed.post("/api/v1/flows", FLOW.replace(":01\"", ":09\""));
            assertThat(notConnected.status()).as(notConnected.body()).isEqualTo(409);
            assertThat(notConnected.json().get("error").asText()).isEqualTo("switch not connected");

            Reply noSuchPort = bed.post("/api/v1/flows", FLOW.replace("\"port\":3", "\"port\":42"));
            assertThat(noSuchPort.status()).as(noSuchPort.body()).isEqualTo(422);

            assertThat(bed.post("/api/v1/flows", FLOW).status()).isEqualTo(201);
            Reply duplicate = bed.post("/api/v1/flows", FLOW);
            assertThat(duplicate.status()).as(duplicate.body()).isEqualTo(409);

            sw.rejectFlowModsWith(FlowModError.TABLE_FULL);
            Reply rejected = bed.post("/api/v1/flows", FLOW.replace("1000", "1001"));
            assertThat(rejected.status()).as(rejected.body()).isEqualTo(422);
            assertThat(rejected.json().get("detail").asText()).contains("TABLE_FULL");

            assertThat(bed.get("/api/v1/flows/static").json()).hasSize(1);
            assertThat(staticFlowsIn(sw)).hasSize(1);
        }
    }

    @Test
    void bodiesOverTheLimitAre413() throws Exception {
        RestConfig small =
                RestConfig.defaults(dir)
                        .withPort(0)
                        .withToken(RestTestBed.TOKEN, false)
                        .withMaxRequestBytes(1024);
        try (RestTestBed bed = new RestTestBed(small, java.util.Map.of())) {
            bed.connect(1);
            String huge =
                    FLOW.replace(
                            "\"idleTimeout\"",
                            "\"x\":\"" + "a".repeat(4000) + "\",\"idleTimeout\"");
            Reply r = bed.post("/api/v1/flows", huge);
            assertThat(r.status()).as(r.body()).isEqualTo(413);
            assertThat(r.json().get("error").asText()).isNotBlank();
        }
    }
}
