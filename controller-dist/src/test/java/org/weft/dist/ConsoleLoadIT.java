package org.weft.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.weft.net.ConnectPoint;
import org.weft.openflow.emulator.EmulatedFabric;
import org.weft.openflow.emulator.EmulatedPortCounters;
import org.weft.openflow.emulator.FabricBuilder;

/**
 * The console colours links by measured load (the statistics collector's utilisation): a link
 * loaded past {@code stats.hotThreshold} turns hot without a reload, and cools when the traffic
 * stops. Emulated switches whose port counters the test moves; statistics every 200 ms.
 */
class ConsoleLoadIT {

    /** 10 Gbit/s ports (the emulator's default): 56.25 MB every 50 ms is 90% of one. */
    private static final long BYTES_PER_TICK = 56_250_000;

    private static JsonNode link(JsonNode model, ConnectPoint from) {
        for (JsonNode l : model.get("links")) {
            if (l.get("src").asText().equals(from.dpid().toString())
                    && l.get("srcPort").asLong() == from.port().value()) {
                return l;
            }
        }
        return null;
    }

    @Test
    void aLoadedLinkTurnsHotAndCoolsWithoutAReload() throws Exception {
        ConsoleBrowser.assumeReady();
        WeftConfig c = ConsoleBrowserIT.config();
        c.stats.intervalMs = 200;
        c.stats.timeoutMs = 200;
        ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor();
        try (WeftTestBed bed = new WeftTestBed(FabricBuilder.linear(3), c);
                ConsoleBrowser b = ConsoleBrowser.open(1280, 800)) {
            RoutingIT.awaitLinks(bed, 4);
            b.driver.get(ConsoleBrowserIT.url(bed));
            JsonNode idle = ConsoleBrowserIT.awaitFabric(bed, b, 3, 4);
            EmulatedFabric.Cable cable = bed.fabric.cables().get(0);
            ConnectPoint from = cable.a();
            String idleColour = link(idle, from).get("colour").asText();
            assertThat(link(idle, from).get("hot").asBoolean()).isFalse();

            EmulatedPortCounters counters = bed.fabric.get(from.dpid()).portCounters();
            traffic.scheduleAtFixedRate(
                    () -> counters.addTx(from.port(), BYTES_PER_TICK, 40_000),
                    0,
                    50,
                    TimeUnit.MILLISECONDS);
            JsonNode hot =
                    b.awaitModel(
                            m -> link(m, from) != null && link(m, from).get("hot").asBoolean(),
                            Duration.ofSeconds(10),
                            "link from " + from + " shown hot");
            assertThat(link(hot, from).get("utilisation").asDouble()).isBetween(0.7, 1.3);
            assertThat(link(hot, from).get("colour").asText()).isNotEqualTo(idleColour);
            assertThat(link(hot, cable.b()).get("hot").asBoolean())
                    .as("the other direction carries nothing")
                    .isFalse();
            assertThat(b.driver.getCurrentUrl())
                    .as("no reload")
                    .isEqualTo(ConsoleBrowserIT.url(bed));

            traffic.shutdownNow();
            b.awaitModel(
                    m -> !link(m, from).get("hot").asBoolean(),
                    Duration.ofSeconds(10),
                    "link from " + from + " cooled");
            assertThat(b.severeLogs()).as("JavaScript errors").isEmpty();
        } finally {
            traffic.shutdownNow();
        }
    }
}
