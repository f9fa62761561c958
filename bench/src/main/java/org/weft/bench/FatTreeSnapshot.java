package org.weft.bench;

import static com.google.common.base.Preconditions.checkArgument;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.topology.LinkInfo;
import org.weft.net.topology.TopologySnapshot;

/**
 * A k-ary fat tree as a {@link TopologySnapshot}, built in-process without switches: the same DPIDs
 * and cabling as the emulator's fat tree ((k/2)^2 core switches from 0x100, aggregation from 0x200,
 * edge from 0x300, 64 times further apart above k=16), both directions of every cable, 10 Gbit/s,
 * and a latency drawn from a fixed seed between 5 and 50 microseconds so that the LATENCY weigher
 * has one best path where HOP_COUNT has many.
 */
final class FatTreeSnapshot {

    private static final long CORE_BASE = 0x100;
    private static final long AGG_BASE = 0x200;
    private static final long EDGE_BASE = 0x300;

    private FatTreeSnapshot() {}

    static TopologySnapshot build(int k, long seed) {
        checkArgument(k >= 2 && k % 2 == 0, "k must be even and at least 2");
        int half = k / 2;
        long scale = k <= 16 ? 1 : 0x40;
        long core = CORE_BASE * scale;
        long agg = AGG_BASE * scale;
        long edge = EDGE_BASE * scale;
        Set<Dpid> switches = new HashSet<>();
        Map<Link, LinkInfo> links = new HashMap<>();
        Random random = new Random(seed);
        for (int c = 0; c < half * half; c++) {
            switches.add(Dpid.of(core + c));
        }
        for (int pod = 0; pod < k; pod++) {
            for (int i = 0; i < half; i++) {
                switches.add(Dpid.of(agg + (long) pod * half + i));
                switches.add(Dpid.of(edge + (long) pod * half + i));
            }
        }
        for (int pod = 0; pod < k; pod++) {
            for (int e = 0; e < half; e++) {
                for (int a = 0; a < half; a++) {
                    cable(
                            links,
                            random,
                            edge + (long) pod * half + e,
                            a + 1,
                            agg + (long) pod * half + a,
                            e + 1);
                }
            }
            for (int a = 0; a < half; a++) {
                for (int c = 0; c < half; c++) {
                    cable(
                            links,
                            random,
                            agg + (long) pod * half + a,
                            half + c + 1,
                            core + (long) a * half + c,
                            pod + 1);
                }
            }
        }
        return TopologySnapshot.of(1, Instant.EPOCH, switches, links);
    }

    private static void cable(
            Map<Link, LinkInfo> links, Random random, long a, int portA, long b, int portB) {
        Link link = Link.of(a, portA, b, portB);
        links.put(link, info(random));
        links.put(link.reverse(), info(random));
    }

    private static LinkInfo info(Random random) {
        long latencyNanos = 5_000 + random.nextInt(45_001);
        return new LinkInfo(latencyNanos, 10_000, LinkInfo.DEFAULT_ADMIN_WEIGHT);
    }
}
