package org.weft.mininet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Equal-cost multipath on the k=4 fat tree (OpenFlow 1.3 select groups): TCP flows between pods
 * spread over more than one core switch, as the cores' port counters show.
 */
class MultipathTest extends MininetTestSupport {
    /** Packets a core must have sent to count as carrying inter-pod traffic. */
    private static final long CARRIED = 2000;

    @Test
    void parallelFlowsBetweenPodsUseSeveralCores() throws IOException {
        Topology ft = Topologies.fatTree4();
        startWeft();
        buildAndDiscover(ft, OpenFlowVersion.OF13);
        fabric.awaitAllReach(ft.allHostPairs(), Duration.ofSeconds(60), "before iperf");

        Map<String, Long> before = coreTx();
        // Pod 0 to pod 3 and pod 1 to pod 2: every packet between pods crosses a core switch.
        double bps1 = mininet.iperfBitsPerSecond("h1", "h13", 8, 4);
        double bps2 = mininet.iperfBitsPerSecond("h6", "h10", 8, 4);
        Map<String, Long> after = coreTx();
        Map<String, Long> carried = new TreeMap<>();
        after.forEach((core, tx) -> carried.put(core, tx - before.get(core)));
        long used = carried.values().stream().filter(n -> n >= CARRIED).count();
        record(
                String.format(
                        "fat tree iperf3 8 streams h1->h13 %.0f Mbit/s, h6->h10 %.0f Mbit/s;"
                                + " packets sent per core: %s",
                        bps1 / 1e6, bps2 / 1e6, carried));
        assertThat(bps1).as("h1->h13 throughput").isPositive();
        assertThat(bps2).as("h6->h10 throughput").isPositive();
        assertThat(used)
                .as("core switches that carried >= %d packets: %s", CARRIED, carried)
                .isGreaterThanOrEqualTo(2);
    }

    private Map<String, Long> coreTx() {
        Map<String, Long> tx = new TreeMap<>();
        for (String core : Topologies.FAT_TREE_CORES) {
            tx.put(core, fabric.portCounters(core).values().stream().mapToLong(c -> c[1]).sum());
        }
        return tx;
    }
}
