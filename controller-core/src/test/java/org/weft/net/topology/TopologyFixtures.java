package org.weft.net.topology;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.PortNumber;

/**
 * Known topologies for tests. Cables get the next free port on each switch, starting at 1, in the
 * order they are added; every cable is two links with the same {@link LinkInfo}.
 */
public final class TopologyFixtures {

    /** First DPID of fat-tree core switches and of leaf-spine spines. */
    public static final long CORE_BASE = 0x100;

    /** First DPID of fat-tree aggregation switches and of leaf-spine leaves. */
    public static final long AGG_BASE = 0x200;

    /** First DPID of fat-tree edge switches. */
    public static final long EDGE_BASE = 0x300;

    private TopologyFixtures() {}

    public static Builder builder() {
        return new Builder();
    }

    /** Switches 1..n in a line: 1-2, 2-3, ..., (n-1)-n. */
    public static TopologySnapshot linear(int n) {
        Builder b = builder();
        for (int i = 1; i <= n; i++) {
            b.addSwitch(i);
        }
        for (int i = 1; i < n; i++) {
            b.cable(i, i + 1);
        }
        return b.build();
    }

    /** Switches 1..n in a ring: 1-2, ..., (n-1)-n, n-1. */
    public static TopologySnapshot ring(int n) {
        checkArgument(n >= 3, "a ring needs at least 3 switches");
        Builder b = builder();
        for (int i = 1; i <= n; i++) {
            b.cable(i, i % n + 1);
        }
        return b.build();
    }

    /**
     * A k-ary fat tree: (k/2)^2 core, k pods of k/2 aggregation and k/2 edge switches. Each edge
     * switch is cabled to every aggregation switch of its pod; aggregation switch {@code a} of
     * every pod is cabled to core switches {@code a*k/2 .. a*k/2 + k/2 - 1}.
     */
    public static TopologySnapshot fatTree(int k) {
        checkArgument(k >= 2 && k % 2 == 0, "k must be even");
        int half = k / 2;
        Builder b = builder();
        for (int pod = 0; pod < k; pod++) {
            for (int e = 0; e < half; e++) {
                for (int a = 0; a < half; a++) {
                    b.cable(fatTreeEdge(k, pod, e), fatTreeAgg(k, pod, a));
                }
            }
            for (int a = 0; a < half; a++) {
                for (int c = 0; c < half; c++) {
                    b.cable(fatTreeAgg(k, pod, a), fatTreeCore(a * half + c));
                }
            }
        }
        return b.build();
    }

    public static Dpid fatTreeCore(int index) {
        return Dpid.of(CORE_BASE + index);
    }

    public static Dpid fatTreeAgg(int k, int pod, int index) {
        return Dpid.of(AGG_BASE + (long) pod * (k / 2) + index);
    }

    public static Dpid fatTreeEdge(int k, int pod, int index) {
        return Dpid.of(EDGE_BASE + (long) pod * (k / 2) + index);
    }

    /** Every leaf cabled to every spine; spines are {@link #spine}, leaves {@link #leaf}. */
    public static TopologySnapshot leafSpine(int spines, int leaves) {
        Builder b = builder();
        for (int l = 0; l < leaves; l++) {
            for (int s = 0; s < spines; s++) {
                b.cable(leaf(l), spine(s));
            }
        }
        return b.build();
    }

    public static Dpid spine(int index) {
        return Dpid.of(CORE_BASE + index);
    }

    public static Dpid leaf(int index) {
        return Dpid.of(AGG_BASE + index);
    }

    /** The smallest link from switch {@code a} to switch {@code b}. */
    public static Link link(TopologySnapshot topology, long a, long b) {
        return topology.network().edgesConnecting(Dpid.of(a), Dpid.of(b)).stream()
                .sorted()
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no link " + a + "->" + b));
    }

    /** The links, smallest of each hop, that visit the given switches in order. */
    public static List<Link> links(TopologySnapshot topology, long... dpids) {
        ImmutableList.Builder<Link> result = ImmutableList.builder();
        for (int i = 1; i < dpids.length; i++) {
            result.add(link(topology, dpids[i - 1], dpids[i]));
        }
        return result.build();
    }

    /** Builds snapshots cable by cable, allocating ports. */
    public static final class Builder {
        private final TreeSet<Dpid> switches = new TreeSet<>();
        private final Map<Link, LinkInfo> links = new LinkedHashMap<>();
        private final Map<Dpid, Integer> nextPort = new HashMap<>();

        public Builder addSwitch(long dpid) {
            switches.add(Dpid.of(dpid));
            return this;
        }

        public Builder cable(long a, long b) {
            return cable(Dpid.of(a), Dpid.of(b), LinkInfo.UNKNOWN);
        }

        public Builder cable(Dpid a, Dpid b) {
            return cable(a, b, LinkInfo.UNKNOWN);
        }

        /**
         * A cable whose links both weigh {@code adminWeight} under {@link
         * LinkWeighers#ADMIN_WEIGHT}.
         */
        public Builder cable(long a, long b, double adminWeight) {
            return cable(Dpid.of(a), Dpid.of(b), LinkInfo.UNKNOWN.withAdminWeight(adminWeight));
        }

        /** A cable: a link each way with the same info. */
        public Builder cable(Dpid a, Dpid b, LinkInfo info) {
            Link ab = oneWay(a, b, info);
            links.put(ab.reverse(), info);
            return this;
        }

        /** A single directed link without its reverse. */
        public Builder oneWay(long a, long b, double adminWeight) {
            oneWay(Dpid.of(a), Dpid.of(b), LinkInfo.UNKNOWN.withAdminWeight(adminWeight));
            return this;
        }

        private Link oneWay(Dpid a, Dpid b, LinkInfo info) {
            switches.add(a);
            switches.add(b);
            Link link =
                    Link.of(
                            new ConnectPoint(a, PortNumber.of(port(a))),
                            new ConnectPoint(b, PortNumber.of(port(b))));
            links.put(link, info);
            return link;
        }

        private int port(Dpid dpid) {
            return nextPort.merge(dpid, 1, Integer::sum);
        }

        public TopologySnapshot build() {
            return TopologySnapshot.of(1, Instant.EPOCH, switches, links);
        }
    }
}
