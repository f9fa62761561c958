package org.weft.mininet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
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
        long used = coresCarrying(interPodTraffic(4, 0));
        assertThat(used)
                .as("core switches that carried >= %d packets", CARRIED)
                .isGreaterThanOrEqualTo(2);
    }

    /**
     * All four cores carry inter-pod traffic, and about equally: per-core packet counts within a
     * factor of 2 of each other. Before {@code BucketSpread} (until 2026-12-02) only s1 and s4 did:
     * every switch hashed alike (OVS select groups, same fields, same basis), so the flows an edge
     * sent to its first aggregation switch all took that switch's first bucket (ECMP hash
     * polarisation).
     *
     * <p>Hashing places flows at random, so the factor of 2 needs many flows to hold: 8 pairs of 32
     * streams (256 flows) meet it with probability 0.999 under a uniform hash, 8 flows only with
     * probability 0.04. The TCP streams are paced to 2 Mbit/s each, so every flow weighs the same:
     * unpaced, 32 streams share the datapath's CPU very unequally (one run put 35,747 packets on
     * one core and 1,778 on another), and the counts would measure TCP's fairness rather than the
     * spread. (UDP streams would not do: Open vSwitch's default select hash leaves UDP ports out,
     * so all UDP flows between two hosts take one path.)
     */
    @Test
    void interPodTrafficUsesAllFourCoresEvenly() throws IOException {
        Map<String, Long> carried = interPodTraffic(32, 2_000_000);
        assertThat(coresCarrying(carried))
                .as("core switches that carried >= %d packets: %s", CARRIED, carried)
                .isEqualTo(4);
        long min = carried.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        long max = carried.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(max)
                .as("busiest core against the idlest: %s", carried)
                .isLessThanOrEqualTo(2 * min);
    }

    private static long coresCarrying(Map<String, Long> carried) {
        return carried.values().stream().filter(n -> n >= CARRIED).count();
    }

    /**
     * Runs the iperf3 pairs, {@code streams} TCP streams each (paced to {@code bitsPerStream} each
     * when not 0); packets each core sent meanwhile.
     */
    private Map<String, Long> interPodTraffic(int streams, long bitsPerStream) throws IOException {
        Topology ft = Topologies.fatTree4();
        startWeft();
        buildAndDiscover(ft, OpenFlowVersion.OF13);
        fabric.awaitAllReach(ft.allHostPairs(), Duration.ofSeconds(60), "before iperf");

        // 8 host pairs between pods (every packet between pods crosses a core switch), one
        // iperf3 run of several streams each. If the switches hashed per host pair rather than per
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
            double bps =
                    bitsPerStream == 0
                            ? mininet.iperfBitsPerSecond(pair.get(0), pair.get(1), streams, 2)
                            : mininet.iperfPacedBitsPerSecond(
                                    pair.get(0), pair.get(1), streams, 2, bitsPerStream);
            Map<String, Long> carried = new TreeMap<>();
            coreTx().forEach((core, tx) -> carried.put(core, tx - before.get(core)));
            carried.forEach((core, n) -> total.merge(core, n, Long::sum));
            long cores = carried.values().stream().filter(n -> n >= CARRIED).count();
            spreadRuns += cores > 1 ? 1 : 0;
            record(
                    String.format(
                            "iperf3 %s->%s %d %s TCP streams %.0f Mbit/s; packets per core %s",
                            pair.get(0),
                            pair.get(1),
                            streams,
                            bitsPerStream == 0 ? "unpaced" : "paced",
                            bps / 1e6,
                            carried));
            assertThat(bps).as("%s throughput", pair).isPositive();
        }
        long used = total.values().stream().filter(n -> n >= CARRIED).count();
        record(
                String.format(
                        "fat tree: %d of 4 cores carried traffic %s; %d of %d runs of %d streams"
                                + " used more than one core",
                        used, total, spreadRuns, pairs.size(), streams));
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
