package org.weft.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.weft.openflow.emulator.FabricBuilder;

/** /metrics carries the controller's own counters: packet-ins, flow-mods, failovers. */
class MetricsIT {

    private static double value(String scrape, String metric) {
        Matcher m =
                Pattern.compile("(?m)^" + metric + "(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(scrape);
        assertThat(m.find()).as("%s in /metrics", metric).isTrue();
        return Double.parseDouble(m.group(2));
    }

    private static String scrape(WeftTestBed bed) throws Exception {
        HttpResponse<String> r =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://127.0.0.1:"
                                                                + bed.weft.rest().port()
                                                                + "/metrics"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    @Test
    void packetInsFlowModsAndFailoversAreCounted() throws Exception {
        try (WeftTestBed bed = new WeftTestBed(FabricBuilder.ring(4), 200)) {
            RoutingIT.awaitLinks(bed, 8);
            List<RoutingIT.TestHost> hosts = RoutingIT.hostsOnFreePorts(bed.fabric);
            RoutingIT.announce(bed, hosts);
            String before = scrape(bed);
            assertThat(value(before, "weft_packet_ins_total")).isPositive();
            assertThat(value(before, "weft_flow_mods_total")).isPositive();
            // LLDP probes and announced hosts' frames go out as packet-outs; protected routes are
            // groups.
            assertThat(value(before, "weft_packet_outs_total")).isPositive();
            assertThat(value(before, "weft_group_mods_total")).isPositive();
            assertThat(before).contains("weft_flow_mods_sent_total{dpid=");
            assertThat(value(before, "weft_failovers_total")).isZero();
            assertThat(before)
                    .contains("weft_core_events_dropped_total 0.0")
                    .contains("weft_policy_work_dropped_total 0.0");

            bed.fabric.cut(bed.fabric.cables().get(0));
            WeftTestBed.waitUntil(
                    () -> bed.weft.failover().stats().reroutes() >= 1,
                    Duration.ofSeconds(5),
                    "a failover");
            assertThat(value(scrape(bed), "weft_failovers_total")).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void failoversAreStreamedAsServerSentEvents() throws Exception {
        try (WeftTestBed bed = new WeftTestBed(FabricBuilder.ring(4), 200)) {
            RoutingIT.awaitLinks(bed, 8);
            RoutingIT.announce(bed, RoutingIT.hostsOnFreePorts(bed.fabric));
            java.util.concurrent.BlockingQueue<String> lines =
                    new java.util.concurrent.LinkedBlockingQueue<>();
            var stream =
                    HttpClient.newHttpClient()
                            .sendAsync(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            "http://127.0.0.1:"
                                                                    + bed.weft.rest().port()
                                                                    + "/api/v1/events"))
                                            .header("Accept", "text/event-stream")
                                            .build(),
                                    HttpResponse.BodyHandlers.ofLines());
            var reader = stream.thenAccept(r -> r.body().forEach(lines::add));
            try {
                WeftTestBed.waitUntil(
                        () -> stream.isDone(), Duration.ofSeconds(5), "the event stream opens");
                bed.fabric.cut(bed.fabric.cables().get(0));
                // The set-up's own re-optimisation (RECOVERED) may be streamed first: wait for
                // the cut's REROUTED.
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                String previous = "";
                String rerouted = null;
                while (rerouted == null && System.nanoTime() < deadline) {
                    String next = lines.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                    if (next == null) {
                        continue;
                    }
                    if (previous.equals("event: failover")
                            && next.contains("\"type\":\"REROUTED\"")) {
                        rerouted = next;
                    }
                    previous = next;
                }
                assertThat(rerouted)
                        .as("a failover event of type REROUTED after the cut")
                        .isNotNull()
                        .startsWith("data: ")
                        .contains("\"linksLost\"");
            } finally {
                reader.cancel(true);
                stream.cancel(true);
            }
        }
    }
}
