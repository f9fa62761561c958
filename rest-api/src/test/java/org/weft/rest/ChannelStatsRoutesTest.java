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
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weft.net.Dpid;
import org.weft.net.device.ChannelStats;
import org.weft.net.flow.Group;
import org.weft.net.stats.FlowEntry;
import org.weft.net.stats.PortStatistics;
import org.weft.net.stats.StatsService;
import org.weft.net.testing.FakeDeviceService;

/**
 * The driver's per-switch channel counters, as REST and Prometheus show them, over a fake device
 * service (the driver fills them concurrently; here the test sets them).
 */
class ChannelStatsRoutesTest {

    private static final String DPID1 = "00:00:00:00:00:00:00:01";

    /** Answers every stats request with nothing. */
    private static final class NoStats implements StatsService {
        @Override
        public CompletableFuture<List<FlowEntry>> getFlowEntries(Dpid dpid) {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public CompletableFuture<List<PortStatistics>> getPortStatistics(Dpid dpid) {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public CompletableFuture<List<Group>> getGroups(Dpid dpid) {
            return CompletableFuture.completedFuture(List.of());
        }
    }

    @TempDir Path dir;

    private final FakeDeviceService devices = new FakeDeviceService();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private RestServer server;

    @BeforeEach
    void setUp() throws Exception {
        server = BareRestServer.start(dir, devices, new NoStats(), false, null, null);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private String get(String path) throws Exception {
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + server.port() + path))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    @Test
    void eachSwitchShowsItsChannelCountersInTheSwitchAnswers() throws Exception {
        devices.connect(1, 2);
        devices.connect(2, 2);
        devices.setChannelStats(1, new ChannelStats(1_000, 250, 3, 2, 1, 65_536, 40, 2, 30));

        JsonNode one = json.readTree(get("/api/v1/switches/" + DPID1));
        assertThat(one.get("channel"))
                .isEqualTo(
                        json.readTree(
                                """
                                {"packetInsAdmitted":1000,"packetInsDropped":250,
                                 "malformedMessages":3,"readSuspensions":2,"requestTimeouts":1,
                                 "outboundBytes":65536,"flowModsSent":40,"groupModsSent":2,
                                 "packetOutsSent":30}"""));

        JsonNode all = json.readTree(get("/api/v1/switches"));
        assertThat(all.get(0).get("channel").get("packetInsDropped").asLong()).isEqualTo(250);
        assertThat(all.get(1).has("channel")).as("no counters from the driver").isFalse();
    }

    @Test
    void prometheusShowsTheConnectedSwitchesCountersByDpid() throws Exception {
        devices.connect(1, 2);
        devices.setChannelStats(1, new ChannelStats(1_000, 250, 3, 2, 1, 65_536, 40, 2, 30));

        String tag = "{dpid=\"" + DPID1 + "\"}";
        assertThat(get("/metrics"))
                .contains("weft_packet_ins_admitted_total" + tag + " 1000.0")
                .contains("weft_packet_ins_dropped_total" + tag + " 250.0")
                .contains("weft_malformed_messages_total" + tag + " 3.0")
                .contains("weft_read_suspensions_total" + tag + " 2.0")
                .contains("weft_request_timeouts_total" + tag + " 1.0")
                .contains("weft_outbound_bytes" + tag + " 65536.0")
                .contains("weft_flow_mods_sent_total" + tag + " 40.0")
                .contains("weft_group_mods_sent_total" + tag + " 2.0")
                .contains("weft_packet_outs_sent_total" + tag + " 30.0");

        // The driver keeps counting; the next scrape reads the new values.
        devices.setChannelStats(1, new ChannelStats(1_500, 400, 3, 2, 1, 0, 41, 2, 31));
        assertThat(get("/metrics"))
                .contains("weft_packet_ins_dropped_total" + tag + " 400.0")
                .contains("weft_outbound_bytes" + tag + " 0.0")
                .contains("weft_packet_outs_sent_total" + tag + " 31.0");

        devices.disconnect(1);
        assertThat(get("/metrics")).doesNotContain(DPID1);
    }
}
