package org.weft.dist;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.ConnectPoint;
import org.weft.net.MacAddress;
import org.weft.net.routing.RoutingMetric;
import org.weft.openflow.emulator.EmulatedSwitch;
import org.weft.openflow.emulator.FabricBuilder;

/**
 * Figures for BENCHMARKS.md, not a test: runs only with {@code -Dweft.bench.hosts=N}. On an
 * emulated k=4 fat tree: time from a new host's first packet to its rule on every switch; then N
 * hosts, the time to recompute and push every route (a metric change), and rules per switch.
 * Asserts nothing.
 */
class RoutingBench {

    private static final Logger log = LoggerFactory.getLogger(RoutingBench.class);

    @Test
    void fatTreeRouteInstallation() throws Exception {
        String n = System.getProperty("weft.bench.hosts");
        assumeTrue(n != null, "set -Dweft.bench.hosts to run");
        int hostCount = Integer.parseInt(n);
        try (WeftTestBed bed = new WeftTestBed(FabricBuilder.fatTree(4), 1000)) {
            RoutingIT.awaitLinks(bed, 64);
            List<ConnectPoint> edges =
                    RoutingIT.edgePorts(bed.fabric).stream()
                            .filter(cp -> cp.dpid().value() >= FabricBuilder.EDGE_BASE)
                            .toList();
            List<Long> firstPacketMillis = new ArrayList<>();
            for (int i = 1; i <= 16; i++) {
                RoutingIT.TestHost h = new RoutingIT.TestHost(i, edges.get(i % edges.size()));
                long t0 = System.nanoTime();
                bed.fabric.injectFromHost(h.at(), RoutingIT.arpRequest(h, h));
                WeftTestBed.waitUntil(
                        () -> everySwitchRoutes(bed, h.mac()), Duration.ofSeconds(10), "rules");
                firstPacketMillis.add((System.nanoTime() - t0) / 1_000_000);
            }
            Collections.sort(firstPacketMillis);
            for (int i = 17; i <= hostCount; i++) {
                RoutingIT.TestHost h = new RoutingIT.TestHost(i, edges.get(i % edges.size()));
                bed.fabric.injectFromHost(h.at(), RoutingIT.arpRequest(h, h));
            }
            WeftTestBed.waitUntil(
                    () ->
                            bed.core().hostService().getHostCount() == hostCount
                                    && bed.weft.routing().isIdle(),
                    Duration.ofMinutes(5),
                    "hosts routed");
            long r0 = System.nanoTime();
            bed.weft.routing().setMetric(RoutingMetric.INVERSE_CAPACITY).get(5, TimeUnit.MINUTES);
            long r1 = System.nanoTime();
            int max = 0;
            int total = 0;
            for (EmulatedSwitch sw : bed.fabric.switches()) {
                int c = bed.weft.routing().intended().flows().get(sw.dpid()).size();
                max = Math.max(max, c);
                total += c;
            }
            log.info(
                    "BENCH routing fat tree k=4: first packet to rules on all 20 switches: median {} ms, max {} ms"
                            + " (16 hosts); {} hosts: recompute and push every route {} ms; routing rules per"
                            + " switch mean {} max {}",
                    firstPacketMillis.get(firstPacketMillis.size() / 2),
                    firstPacketMillis.get(firstPacketMillis.size() - 1),
                    hostCount,
                    (r1 - r0) / 1_000_000,
                    total / 20,
                    max);
        }
    }

    private static boolean everySwitchRoutes(WeftTestBed bed, MacAddress mac) {
        for (EmulatedSwitch sw : bed.fabric.switches()) {
            if (sw.table().flows().stream().noneMatch(r -> mac.equals(r.match().ethDst()))) {
                return false;
            }
        }
        return true;
    }
}
