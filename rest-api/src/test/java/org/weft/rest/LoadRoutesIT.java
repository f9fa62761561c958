package org.weft.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weft.net.PortNumber;
import org.weft.openflow.emulator.EmulatedFabric;
import org.weft.openflow.emulator.EmulatedPortCounters;
import org.weft.rest.RestTestBed.Reply;

/**
 * Measured load over REST and Prometheus: emulated switches whose port counters the test moves (9
 * Mbit/s out of s1 port 1, toward s2), statistics polled every 200 ms, a 10 Mbit/s capacity
 * override on the link.
 */
class LoadRoutesIT {

    private static final String LINK_1_2 =
            "\"src\":{\"dpid\":\"0000000000000001\",\"port\":1},"
                    + "\"dst\":{\"dpid\":\"0000000000000002\",\"port\":2}";

    @TempDir Path dir;

    private static JsonNode link12(RestTestBed bed) {
        for (JsonNode l : bed.get0("/api/v1/links")) {
            if (l.get("src").get("dpid").asText().endsWith("01")
                    && l.get("src").get("port").asInt() == 1) {
                return l;
            }
        }
        throw new AssertionError("no link from s1 port 1");
    }

    private static double utilisation(RestTestBed bed) {
        JsonNode u = link12(bed).get("utilisation");
        return u.isNull() ? -1 : u.asDouble();
    }

    @Test
    void aLoadedLinkShowsItsRateUtilisationAndGauges() throws Exception {
        ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor();
        try (RestTestBed bed = new RestTestBed(dir)) {
            EmulatedFabric f = bed.connect(EmulatedFabric.builder().ring(4).build());
            assertThat(link12(bed).get("utilisation").isNull()).isTrue();
            assertThat(link12(bed).get("bitsPerSecond").isNull()).isTrue();

            Reply set =
                    bed.post("/api/v1/link-capacities", "{" + LINK_1_2 + ",\"capacityMbps\":10}");
            assertThat(set.status()).isEqualTo(200);
            assertThat(set.json().get("bothDirections").asBoolean()).isTrue();
            assertThat(link12(bed).get("capacityMbps").asLong()).isEqualTo(10);
            assertThat(
                            bed.post(
                                            "/api/v1/link-capacities",
                                            "{" + LINK_1_2 + ",\"capacityMbps\":0}")
                                    .status())
                    .isEqualTo(400);
            assertThat(bed.get0("/api/v1/link-capacities")).hasSize(2);

            EmulatedPortCounters counters = f.get(1).portCounters();
            PortNumber p1 = PortNumber.of(1);
            traffic.scheduleAtFixedRate(
                    () -> counters.addTx(p1, 56_250, 40), 0, 50, TimeUnit.MILLISECONDS);
            bed.startStats(Duration.ofMillis(200));
            RestTestBed.waitUntil(() -> utilisation(bed) > 0.7, Duration.ofSeconds(10));
            assertThat(utilisation(bed)).isBetween(0.7, 1.2);
            RestTestBed.waitUntil(() -> link12(bed).get("hot").asBoolean(), Duration.ofSeconds(10));

            JsonNode port1 = bed.get0("/api/v1/switches/0000000000000001/ports").get(0);
            assertThat(port1.get("port").asInt()).isEqualTo(1);
            assertThat(port1.get("rates").get("txBitsPerSecond").asDouble()).isBetween(6e6, 12e6);
            assertThat(port1.get("rates").get("txPacketsPerSecond").asDouble()).isPositive();

            String metrics = bed.get("/metrics").body();
            assertThat(metrics)
                    .contains(
                            "weft_link_utilisation{dst=\"00:00:00:00:00:00:00:02/2\","
                                    + "src=\"00:00:00:00:00:00:00:01/1\"}")
                    .contains("weft_link_tx_bits_per_second{")
                    .contains("weft_links_hot 1.0");

            // A switch restart: counters from zero. No negative or absurd rate, ever.
            counters.reset();
            for (int i = 0; i < 10; i++) {
                assertThat(utilisation(bed)).isLessThan(1.5);
                Thread.sleep(50);
            }
            // A wrap across 2^64 is traffic as usual.
            counters.setTxBytes(p1, -200_000L);
            for (int i = 0; i < 10; i++) {
                assertThat(utilisation(bed)).isLessThan(1.5);
                Thread.sleep(50);
            }
            RestTestBed.waitUntil(() -> utilisation(bed) > 0.7, Duration.ofSeconds(10));

            Reply cleared =
                    bed.send(
                            HttpRequest.newBuilder(bed.uri("/api/v1/link-capacities"))
                                    .header("Authorization", "Bearer " + bed.server.token())
                                    .method(
                                            "DELETE",
                                            HttpRequest.BodyPublishers.ofString(
                                                    "{" + LINK_1_2 + "}")));
            assertThat(cleared.status()).isEqualTo(204);
            assertThat(bed.get0("/api/v1/link-capacities")).isEmpty();
        } finally {
            traffic.shutdownNow();
        }
    }
}
