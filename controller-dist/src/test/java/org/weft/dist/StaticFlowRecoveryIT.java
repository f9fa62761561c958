package org.weft.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weft.net.Dpid;
import org.weft.net.PortNumber;
import org.weft.net.flow.Cookies;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;
import org.weft.openflow.emulator.EmulatedSwitch;
import org.weft.openflow.emulator.OpenFlowVersion;

/**
 * Whatever point a POST or DELETE of a static flow reached when Weft stopped, the next start
 * converges the switch to the store: a flow recorded but never sent is installed, a static-cookie
 * entry the store does not hold (a flow whose POST was answered 504 and forgotten, a deletion
 * recorded while the switch was away) is removed, and ids go on above the last one handed out.
 */
class StaticFlowRecoveryIT {

    @TempDir Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private static List<FlowRule> staticFlows(EmulatedSwitch sw) {
        return sw.table().flows().stream()
                .filter(r -> Cookies.appId(r.cookie()) == Cookies.STATIC_FLOW_APP)
                .toList();
    }

    @Test
    void theNextStartConvergesTheSwitchToTheStore() throws Exception {
        Path flows = dir.resolve("intents").resolve("static-flows");
        Files.createDirectories(flows);
        // Recorded, never sent (Weft stopped between the store write and the flow-mod).
        Files.writeString(
                flows.resolve("1.json"),
                "{\"id\":\"1\",\"dpid\":\"00:00:00:00:00:00:00:01\",\"priority\":100,"
                        + "\"match\":{\"inPort\":1},\"actions\":[{\"type\":\"OUTPUT\",\"port\":2}],"
                        + "\"idleTimeout\":0,\"hardTimeout\":0,\"cookie\":\"0x0010000000000001\"}");
        Files.writeString(flows.resolve(".last-id"), "2");

        EmulatedSwitch sw =
                EmulatedSwitch.builder(1).version(OpenFlowVersion.OF_13).ports(4).build();
        // On the switch, not in the store (flow 2's POST timed out and was forgotten).
        sw.table()
                .add(
                        FlowRule.builder(Dpid.of(1))
                                .priority(200)
                                .match(FlowMatch.builder().inPort(PortNumber.of(3)).build())
                                .actions(FlowAction.output(PortNumber.of(4)))
                                .cookie(Cookies.make(Cookies.STATIC_FLOW_APP, 2))
                                .build());

        WeftConfig config = WeftTestBed.config(1_000);
        config.dataDir = dir.toString();
        try (Weft weft = Weft.start(config, WeftTestBed.NO_ENV);
                EmulatedSwitch connected = sw) {
            connected.connect("127.0.0.1", weft.openflowPorts().get(0)).get(5, TimeUnit.SECONDS);
            WeftTestBed.waitUntil(
                    () -> staticFlows(sw).size() == 1 && staticFlows(sw).get(0).priority() == 100,
                    Duration.ofSeconds(15),
                    "the switch holding exactly the stored static flow");

            String base = "http://127.0.0.1:" + weft.rest().port() + "/api/v1";
            WeftTestBed.waitUntil(
                    () -> "INSTALLED".equals(stateOfFirst(base)),
                    Duration.ofSeconds(10),
                    "flow 1 INSTALLED");

            HttpResponse<String> created =
                    http.send(
                            HttpRequest.newBuilder(URI.create(base + "/flows"))
                                    .header("Authorization", "Bearer " + weft.rest().token())
                                    .POST(
                                            HttpRequest.BodyPublishers.ofString(
                                                    "{\"dpid\":\"0000000000000001\","
                                                            + "\"priority\":300}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(json.readTree(created.body()).get("id").asText()).isEqualTo("3");
        }
    }

    private String stateOfFirst(String base) {
        try {
            JsonNode list =
                    json.readTree(
                            http.send(
                                            HttpRequest.newBuilder(
                                                            URI.create(base + "/flows/static"))
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofString())
                                    .body());
            return list.size() == 1 ? list.get(0).get("state").asText() : null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
