package org.weft.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weft.rest.RestTestBed.Reply;

class SystemRoutesIT {

    @TempDir Path dir;

    @Test
    void everyRegisteredRouteIsInTheOpenApiDocumentAndNothingElse() throws Exception {
        try (RestTestBed bed = new RestTestBed(dir)) {
            Reply doc = bed.get("/api/v1/openapi.json");
            assertThat(doc.status()).isEqualTo(200);
            assertThat(doc.json().get("openapi").asText()).startsWith("3.");

            Set<String> documented = new HashSet<>();
            Iterator<String> paths = doc.json().get("paths").fieldNames();
            while (paths.hasNext()) {
                String path = paths.next();
                Iterator<String> methods = doc.json().get("paths").get(path).fieldNames();
                while (methods.hasNext()) {
                    documented.add(methods.next().toUpperCase(Locale.ROOT) + " " + path);
                }
            }
            Set<String> registered = new HashSet<>(bed.server.routes());
            assertThat(registered).hasSizeGreaterThanOrEqualTo(12);
            assertThat(documented).containsExactlyInAnyOrderElementsOf(registered);

            // Every documented error response points at the shared error schema.
            JsonNode responses = doc.json().get("components").get("responses");
            responses.forEach(
                    r ->
                            assertThat(r.at("/content/application~1json/schema/$ref").asText())
                                    .isEqualTo("#/components/schemas/Error"));
        }
    }

    @Test
    void healthAndPrometheusMetrics() throws Exception {
        try (RestTestBed bed = new RestTestBed(dir)) {
            bed.connect(1);
            Reply health = bed.get("/api/v1/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().get("status").asText()).isEqualTo("UP");
            assertThat(health.json().get("switches").asInt()).isEqualTo(1);

            bed.get("/api/v1/switches");
            Reply metrics = bed.get("/metrics");
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.raw().headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("text/plain");
            assertThat(metrics.body()).contains("weft_switches_connected 1.0");
            assertThat(metrics.body())
                    .containsPattern(
                            "weft_rest_request_seconds_count\\{[^}]*route=\"/api/v1/switches\"[^}]*\\} 1");
        }
    }

    @Test
    void theEventStreamCarriesDeviceEvents() throws Exception {
        try (RestTestBed bed = new RestTestBed(dir)) {
            Reply plain = bed.get("/api/v1/events");
            assertThat(plain.status()).isEqualTo(406);
            assertThat(plain.json().get("detail").asText()).contains("text/event-stream");

            HttpResponse<InputStream> stream =
                    bed.http.send(
                            HttpRequest.newBuilder(bed.uri("/api/v1/events"))
                                    .header("Accept", "text/event-stream")
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofInputStream());
            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(stream.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("text/event-stream");
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader =
                    new Thread(
                            () -> {
                                try (BufferedReader r =
                                        new BufferedReader(
                                                new InputStreamReader(
                                                        stream.body(), StandardCharsets.UTF_8))) {
                                    String line;
                                    while ((line = r.readLine()) != null) {
                                        lines.add(line);
                                    }
                                } catch (java.io.IOException e) {
                                    lines.add("closed: " + e);
                                }
                            });
            reader.setDaemon(true);
            reader.start();
            RestTestBed.waitUntil(
                    () -> bed.get0("/api/v1/health").get("eventClients").asInt() == 1,
                    Duration.ofSeconds(5));

            bed.connect(1);

            String event = null;
            String data = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (data == null && System.nanoTime() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line != null && line.startsWith("data:") && "device".equals(event)) {
                    data = line.substring(5).strip();
                }
            }
            assertThat(data).as("a device event within 5 s").isNotNull();
            JsonNode json = bed.json.readTree(data);
            assertThat(json.get("type").asText()).isEqualTo("DEVICE_CONNECTED");
            assertThat(json.get("dpid").asText()).isEqualTo("00:00:00:00:00:00:00:01");
            stream.body().close();
        }
    }
}
