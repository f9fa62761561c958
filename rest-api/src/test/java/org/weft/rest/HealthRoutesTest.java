package org.weft.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weft.health.Health;
import org.weft.health.QueueDepth;
import org.weft.net.Dpid;
import org.weft.net.testing.FakeDeviceService;

/** {@code /health} over a health service whose answer the test sets. */
class HealthRoutesTest {

    @TempDir Path dir;

    private final FakeDeviceService devices = new FakeDeviceService();
    private final AtomicReference<Health> health = new AtomicReference<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private RestServer server;

    @BeforeEach
    void setUp() throws Exception {
        server = BareRestServer.start(dir, devices, new SilentStats(), true, health::get, null);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void upIs200WithWhatWasChecked() throws Exception {
        health.set(
                new Health(
                        List.of(),
                        2,
                        List.of(Dpid.of(2)),
                        3,
                        List.of(new QueueDepth("device-events", 5, 10_000))));
        HttpResponse<String> r = get("/api/v1/health");
        assertThat(r.statusCode()).as("no token needed, even for reads").isEqualTo(200);
        JsonNode body = json.readTree(r.body());
        assertThat(body.get("status").asText()).isEqualTo("UP");
        assertThat(body.get("reasons")).isEmpty();
        assertThat(body.get("switches").asInt()).isEqualTo(2);
        assertThat(body.get("divergedSwitches").get(0).asText())
                .isEqualTo("00:00:00:00:00:00:00:02");
        assertThat(body.get("failedBatchesLastMinute").asInt()).isEqualTo(3);
        JsonNode q = body.get("queues").get(0);
        assertThat(q.get("name").asText()).isEqualTo("device-events");
        assertThat(q.get("depth").asInt()).isEqualTo(5);
        assertThat(q.get("bound").asInt()).isEqualTo(10_000);
        assertThat(body.has("staticFlows")).isTrue();
        assertThat(body.has("uptimeSeconds")).isTrue();
    }

    @Test
    void aQueueOverItsBoundIs503DegradedWithTheReason() throws Exception {
        health.set(
                new Health(
                        List.of("queue core-events holds 12000, over its bound of 10000"),
                        0,
                        List.of(),
                        0,
                        List.of(new QueueDepth("core-events", 12_000, 10_000))));
        HttpResponse<String> r = get("/api/v1/health");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/json");
        JsonNode body = json.readTree(r.body());
        assertThat(body.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(body.get("reasons").get(0).asText()).contains("core-events");
        assertThat(body.get("queues").get(0).get("depth").asInt()).isEqualTo(12_000);
    }
}
