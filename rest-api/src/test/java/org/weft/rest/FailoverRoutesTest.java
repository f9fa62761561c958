package org.weft.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.PortNumber;
import org.weft.net.failover.FailoverEvent;
import org.weft.net.failover.FailoverListener;
import org.weft.net.failover.FailoverService;
import org.weft.net.failover.FailoverStats;
import org.weft.net.routing.RouteChange;
import org.weft.net.testing.FakeDeviceService;

/** {@code /failover/events} over a failover service whose history the test sets. */
class FailoverRoutesTest {

    @TempDir Path dir;

    private final FakeDeviceService devices = new FakeDeviceService();
    private final List<FailoverEvent> history = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private RestServer server;

    /** Its history only; nothing here listens or reads counters. */
    private final FailoverService failover =
            new FailoverService() {
                @Override
                public List<FailoverEvent> recentEvents() {
                    return List.copyOf(history);
                }

                @Override
                public FailoverStats stats() {
                    throw new UnsupportedOperationException("not read by /failover/events");
                }

                @Override
                public void addListener(FailoverListener listener) {}

                @Override
                public void removeListener(FailoverListener listener) {}
            };

    private void start(FailoverService f) throws IOException {
        server = BareRestServer.start(dir, devices, new SilentStats(), false, null, f);
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void recentEventsAreListedOldestFirstInTheEventStreamsShape() throws Exception {
        Link cut =
                new Link(
                        new ConnectPoint(Dpid.of(1), PortNumber.of(4)),
                        new ConnectPoint(Dpid.of(2), PortNumber.of(4)));
        history.add(
                new FailoverEvent(
                        FailoverEvent.Type.REROUTED,
                        new RouteChange(
                                RouteChange.Cause.LOSS,
                                Set.of(cut),
                                Set.of(),
                                1_000,
                                1_050,
                                42_500_000,
                                3,
                                17)));
        history.add(
                new FailoverEvent(
                        FailoverEvent.Type.RECOVERED,
                        new RouteChange(
                                RouteChange.Cause.RECOVERY,
                                Set.of(),
                                Set.of(),
                                2_000,
                                2_300,
                                0,
                                3,
                                12)));
        start(failover);

        HttpResponse<String> r = get("/api/v1/failover/events");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(r.body());
        assertThat(body).hasSize(2);
        JsonNode first = body.get(0);
        assertThat(first.get("type").asText()).isEqualTo("REROUTED");
        assertThat(first.get("cause").asText()).isEqualTo("LOSS");
        assertThat(first.get("linksLost").get(0).asText()).isEqualTo(cut.toString());
        assertThat(first.get("switchesLost")).isEmpty();
        assertThat(first.get("detectedAtMillis").asLong()).isEqualTo(1_000);
        assertThat(first.get("reroutedAtMillis").asLong()).isEqualTo(1_050);
        assertThat(first.get("reactionMillis").asDouble()).isEqualTo(42.5);
        assertThat(first.get("destinations").asInt()).isEqualTo(3);
        assertThat(first.get("flowChanges").asInt()).isEqualTo(17);
        assertThat(body.get(1).get("type").asText()).isEqualTo("RECOVERED");
    }

    @Test
    void withoutAFailoverServiceTheRouteAnswers503() throws Exception {
        start(null);
        HttpResponse<String> r = get("/api/v1/failover/events");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(json.readTree(r.body()).get("error").asText()).isEqualTo("unavailable");
    }
}
