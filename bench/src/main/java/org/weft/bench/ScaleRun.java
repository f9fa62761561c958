package org.weft.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.dist.Weft;
import org.weft.dist.WeftConfig;
import org.weft.openflow.emulator.EmulatedFabric;
import org.weft.openflow.emulator.FabricBuilder;

/**
 * Connection scale against an in-process Weft: a ring of emulated switches connects, then Weft's
 * LLDP discovery finds every cable. Reports the time to connect all switches, the time until all
 * links are known, and Weft's heap after a GC (the emulated switches share the heap; the switch
 * count's share is small next to Weft's, but the figure is an upper bound).
 */
final class ScaleRun {

    private static final Logger log = LoggerFactory.getLogger(ScaleRun.class);

    /**
     * What a scale run measured.
     *
     * @param switches switches connected
     * @param connectSeconds from the first connect to the last finished handshake
     * @param links directed links Weft knew at the end
     * @param discoverySeconds from the last handshake until every link was known (-1: not all)
     * @param heapMiB heap used after a GC, MiB
     */
    record Result(
            int switches,
            double connectSeconds,
            int links,
            double discoverySeconds,
            long heapMiB,
            double cpuSeconds) {}

    private final int switchCount;
    private final int fatTreeK;
    private final Duration limit;

    /**
     * @param fatTreeK when positive, a k-ary fat tree instead of a ring of {@code switchCount}
     */
    ScaleRun(int switchCount, int fatTreeK, Duration limit) {
        this.switchCount = switchCount;
        this.fatTreeK = fatTreeK;
        this.limit = limit;
    }

    Result run() throws Exception {
        WeftConfig cfg = new WeftConfig();
        cfg.openflow.ports = List.of(0);
        cfg.openflow.echoIntervalMs = 10_000;
        cfg.openflow.handshakeTimeoutMs = limit.toMillis();
        // Weft without the caller's environment: a WEFT_API_TOKEN there must not change the run.
        try (Weft weft = Weft.start(cfg, name -> null);
                EmulatedFabric fabric =
                        (fatTreeK > 0
                                        ? FabricBuilder.fatTree(fatTreeK)
                                        : FabricBuilder.ring(switchCount))
                                .build()) {
            var os =
                    (com.sun.management.OperatingSystemMXBean)
                            ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            fabric.connect("127.0.0.1", weft.openflowPorts().get(0), limit);
            double connect = (System.nanoTime() - t0) / 1e9;
            int count = fabric.switches().size();
            log.info("{} switches connected in {} s", count, connect);
            int expected = 2 * fabric.cables().size();
            long t1 = System.nanoTime();
            long deadline = t1 + limit.toNanos();
            int links = weft.core().linkService().getLinkCount();
            while (links < expected && System.nanoTime() < deadline) {
                Thread.sleep(100);
                links = weft.core().linkService().getLinkCount();
            }
            double discovery = links >= expected ? (System.nanoTime() - t1) / 1e9 : -1;
            long cpuEnd = os.getProcessCpuTime();
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            double cpu = (cpuEnd - cpu0) / 1e9;
            return new Result(count, connect, links, discovery, heap >> 20, cpu);
        }
    }
}
