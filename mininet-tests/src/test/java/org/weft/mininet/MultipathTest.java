package org.weft.mininet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
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
        long used = coresCarrying(interPodTraffic());
        assertThat(used)
                .as("core switches that carried >= %d packets", CARRIED)
                .isGreaterThanOrEqualTo(2);
    }

    /**
     * All four cores should carry inter-pod traffic. Tagged {@code controller-bug}: with Weft of
     * 2026-11-22 only s1 and s4 do. Each edge switch spreads flows over its two aggregation
     * switches, but every switch hashes the same way (OVS select groups, same fields, same basis),
     * so the flows an edge sends to its first aggregation switch all take that switch's first
     * bucket (core s1) and those sent to the second all take its second bucket (core s4): ECMP hash
     * polarization. Cores s2 and s3 carry nothing but LLDP.
     */
    @Test
    @Tag("controller-bug")
    void interPodTrafficUsesAllFourCores() throws IOException {
        Map<String, Long> carried = interPodTraffic();
        assertThat(coresCarrying(carried))
                .as("core switches that carried >= %d packets: %s", CARRIED, carried)
                .isEqualTo(4);
    }

    private static long coresCarrying(Map<String, Long> carried) {
        return carried.values().stream().filter(n -> n >= CARRIED).count();
    }

    /** Runs the iperf3 pairs; packets each core switch sent meanwhile. */
    private Map<String, Long> interPodTraffic() throws IOException {
        Topology ft = Topologies.fatTree4();
        startWeft();
        buildAndDiscover(ft, OpenFlowVersion.OF13);
        fabric.awaitAllReach(ft.allHostPairs(), Duration.ofSeconds(60), "before iperf");

        // 8 host pairs between pods (every packet between pods crosses a core switch), one
        // iperf3 run of 4 TCP streams each. If the switches hashed per host pair rather than per
        // flow, all 8 would land on one core with probability 4^-7.
        List<List<String>> pairs =
                List.of(
                        List.of("h1", "h13"),
                        List.of("h2", "h14"),
                        List.of("h3", "h15"),
                        List.of("h4", "h16"),
                        List.of("h5", "h9"),
                        List.of("h6", "h10"),
                        List.of("h7", "h11"),
                        List.of("h8", "h12"));
        Map<String, Long> total = new TreeMap<>();
        int spreadRuns = 0;
        for (List<String> pair : pairs) {
            Map<String, Long> before = coreTx();
            double bps = mininet.iperfBitsPerSecond(pair.get(0), pair.get(1), 4, 2);
            Map<String, Long> carried = new TreeMap<>();
            coreTx().forEach((core, tx) -> carried.put(core, tx - before.get(core)));
            carried.forEach((core, n) -> total.merge(core, n, Long::sum));
            long cores = carried.values().stream().filter(n -> n >= CARRIED).count();
            spreadRuns += cores > 1 ? 1 : 0;
            record(
                    String.format(
                            "iperf3 %s->%s 4 streams %.0f Mbit/s; packets per core %s",
                            pair.get(0), pair.get(1), bps / 1e6, carried));
            assertThat(bps).as("%s throughput", pair).isPositive();
        }
        long used = total.values().stream().filter(n -> n >= CARRIED).count();
        record(
                String.format(
                        "fat tree: %d of 4 cores carried traffic %s; %d of %d runs of 4 streams"
                                + " used more than one core",
                        used, total, spreadRuns, pairs.size()));
        return total;
    }

    private Map<String, Long> coreTx() {
        Map<String, Long> tx = new TreeMap<>();
        for (String core : Topologies.FAT_TREE_CORES) {
            tx.put(core, fabric.portCounters(core).values().stream().mapToLong(c -> c[1]).sum());
        }
        return tx;
    }
}
