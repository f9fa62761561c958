package org.weft.dist;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.topology.LinkWeighers;
import org.weft.net.topology.TopologySnapshot;
import org.weft.openflow.emulator.FabricBuilder;

/**
 * Figures for BENCHMARKS.md, not a test: runs only with {@code -Dweft.bench.k=K} (fat tree k=K).
 * Logs discovery time, heap after GC and path computation time; asserts nothing.
 */
class TopologyBench {

    private static final Logger log = LoggerFactory.getLogger(TopologyBench.class);

    @Test
    void fatTreeDiscoveryAndPaths() throws Exception {
        String k = System.getProperty("weft.bench.k");
        assumeTrue(k != null, "set -Dweft.bench.k to run");
        int kk = Integer.parseInt(k);
        FabricBuilder shape = FabricBuilder.fatTree(kk);
        long t0 = System.nanoTime();
        try (WeftTestBed bed = new WeftTestBed(shape, 1000)) {
            long t1 = System.nanoTime();
            int expected = kk * kk * kk;
            WeftTestBed.waitUntil(
                    () -> bed.core().topologyService().currentSnapshot().links().size() == expected,
                    Duration.ofMinutes(5),
                    expected + " links");
            long t2 = System.nanoTime();
            TopologySnapshot s = bed.core().topologyService().currentSnapshot();
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            var first = s.switches().first();
            var last = s.switches().last();
            for (int i = 0; i < 20; i++) {
                bed.core().pathService().getPath(first, last, LinkWeighers.LATENCY);
            }
            int n = 200;
            long p0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                bed.core().pathService().getPath(first, last, LinkWeighers.LATENCY);
            }
            long p1 = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                bed.core().pathService().getEqualCostPaths(first, last, LinkWeighers.HOP_COUNT);
            }
            long e0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                bed.core().pathService().getEqualCostPaths(first, last, LinkWeighers.HOP_COUNT);
            }
            long e1 = System.nanoTime();
            log.info(
                    "BENCH fat tree k={}: {} switches, {} links; connect+handshake {} ms; "
                            + "discovery after handshakes {} ms; snapshot v{}; heap after GC {} MiB; "
                            + "Dijkstra {} us/op; equal-cost paths {} us/op; probes sent {}",
                    kk,
                    s.switches().size(),
                    s.links().size(),
                    (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000,
                    s.version(),
                    heap >> 20,
                    (p1 - p0) / n / 1000,
                    (e1 - e0) / n / 1000,
                    bed.core().linkDiscovery().counters().probesSent());
        }
    }
}
