package org.weft.net.topology.graph;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.topology.LinkInfo;
import org.weft.net.topology.LinkWeigher;
import org.weft.net.topology.Path;
import org.weft.net.topology.TopologySnapshot;

/**
 * A snapshot seen through a weigher: each link weighed once, unusable links and self-loops left
 * out, switches numbered in ascending DPID order and the links of each switch kept in ascending
 * order, in compressed rows of primitive arrays so that searches relax links without boxing or
 * hashing. Immutable; {@link #of} builds it once per snapshot and weigher and keeps it with the
 * snapshot.
 */
final class WeightedTopology {

    /**
     * Usable links by switch, in compressed sparse rows: the arcs of switch {@code n} are {@code
     * start[n]} (inclusive) to {@code start[n + 1]} (exclusive), in ascending link order; for each
     * arc the far end's index, the weight and the link's index in {@link #links()}.
     */
    record Arcs(int[] start, int[] far, double[] weight, int[] link) {}

    private final TopologySnapshot topology;
    private final Dpid[] nodes;
    private final Map<Dpid, Integer> indexOf;
    private final Link[] links;
    private final Arcs outArcs;
    private final Arcs inArcs;
    private final double minWeight;

    /**
     * Per switch, the next hops {@link EqualCostPaths} last found for it, handed out again while
     * they come out the same (a fat tree's switch leaves by the same links toward most
     * destinations): next hops of many destinations share one list per switch, which the planner
     * then recognises by identity. Racy by design: any list seen is immutable and correct for the
     * switch it was found for, a lost write only costs a new list.
     */
    private final List<Link>[] lastHops;

    /** Builds the view; {@link #of} keeps one per snapshot and weigher instead. */
    WeightedTopology(TopologySnapshot topology, LinkWeigher weigher) {
        this.topology = checkNotNull(topology, "topology");
        checkNotNull(weigher, "weigher");
        this.nodes = topology.switches().toArray(new Dpid[0]);
        this.indexOf = new HashMap<>(nodes.length * 2);
        for (int n = 0; n < nodes.length; n++) {
            indexOf.put(nodes[n], n);
        }
        int max = topology.links().size();
        Link[] usable = new Link[max];
        int[] src = new int[max];
        int[] dst = new int[max];
        double[] weights = new double[max];
        int count = 0;
        int from = 0;
        // Links in ascending order: src, then port; each row below stays in that order. Sources
        // ascend like the switches, so the source's index is found by walking, not hashing.
        for (Map.Entry<Link, LinkInfo> e : topology.linkInfos().entrySet()) {
            Link link = e.getKey();
            while (!nodes[from].equals(link.srcDpid())) {
                from++;
            }
            double weight = weigher.weight(link, e.getValue());
            if (LinkWeigher.isUsable(weight) && !link.srcDpid().equals(link.dstDpid())) {
                usable[count] = link;
                src[count] = from;
                dst[count] = indexOf.get(link.dstDpid());
                weights[count] = weight;
                count++;
            }
        }
        this.links = Arrays.copyOf(usable, count);
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            min = Math.min(min, weights[i]);
        }
        this.minWeight = min;
        this.outArcs = rows(nodes.length, count, src, dst, weights);
        this.inArcs = rows(nodes.length, count, dst, src, weights);
        @SuppressWarnings("unchecked")
        List<Link>[] last = new List[nodes.length];
        this.lastHops = last;
    }

    /**
     * {@code found[0..count)} (links of switch {@code u}, in ascending order) as an immutable list:
     * the one handed out last for {@code u} when it holds the same links.
     */
    List<Link> hopsList(int u, Link[] found, int count) {
        List<Link> last = lastHops[u];
        if (last != null && last.size() == count) {
            int i = 0;
            while (i < count && last.get(i) == found[i]) {
                i++;
            }
            if (i == count) {
                return last;
            }
        }
        List<Link> made = ImmutableList.copyOf(Arrays.asList(found).subList(0, count));
        lastHops[u] = made;
        return made;
    }

    /** The view of {@code topology} through {@code weigher}, built on first use per snapshot. */
    static WeightedTopology of(TopologySnapshot topology, LinkWeigher weigher) {
        checkNotNull(weigher, "weigher");
        return topology.derived(
                WeightedTopology.class, weigher, t -> new WeightedTopology(t, weigher));
    }

    /** Groups links by {@code row} (a stable counting sort, so each row keeps link order). */
    private static Arcs rows(int n, int count, int[] row, int[] other, double[] weights) {
        int[] start = new int[n + 1];
        for (int i = 0; i < count; i++) {
            start[row[i] + 1]++;
        }
        for (int r = 0; r < n; r++) {
            start[r + 1] += start[r];
        }
        int[] next = Arrays.copyOf(start, n);
        int[] far = new int[count];
        double[] weight = new double[count];
        int[] link = new int[count];
        for (int i = 0; i < count; i++) {
            int a = next[row[i]]++;
            far[a] = other[i];
            weight[a] = weights[i];
            link[a] = i;
        }
        return new Arcs(start, far, weight, link);
    }

    /** Switches in ascending order: a switch's index is its rank. */
    Dpid[] nodes() {
        return nodes;
    }

    /** The switch's index, or -1 when it is not in the topology. */
    int index(Dpid dpid) {
        Integer n = indexOf.get(dpid);
        return n == null ? -1 : n;
    }

    /** Usable links leaving (or, {@code backward}, entering) each switch, by index. */
    Arcs arcs(boolean backward) {
        return backward ? inArcs : outArcs;
    }

    /** The least weight of any usable link; infinite when there is none. */
    double minWeight() {
        return minWeight;
    }

    /** The usable link with this index (see {@link Arcs#link()}). */
    Link link(int index) {
        return links[index];
    }

    TopologySnapshot topology() {
        return topology;
    }

    boolean contains(Dpid dpid) {
        return indexOf.containsKey(dpid);
    }

    /** Usable links, ascending. */
    List<Link> links() {
        return List.of(links);
    }

    /**
     * The index of {@code link}'s arc among the arcs leaving its source ({@link #arcs(boolean)
     * arcs(false)}), or -1 when the link is not usable. Scans the source's links.
     */
    int outArc(Link link) {
        int u = index(link.srcDpid());
        if (u < 0) {
            return -1;
        }
        for (int a = outArcs.start()[u]; a < outArcs.start()[u + 1]; a++) {
            if (links[outArcs.link()[a]].equals(link)) {
                return a;
            }
        }
        return -1;
    }

    /** The weight of a usable link. */
    double weight(Link link) {
        int a = outArc(link);
        checkArgument(a >= 0, "link is not usable: %s", link);
        return outArcs.weight()[a];
    }

    /** Sum of the weights of the links, in order. */
    double cost(List<Link> links) {
        double sum = 0;
        for (Link link : links) {
            sum += weight(link);
        }
        return sum;
    }

    /** A path from src along links; the empty path when there are none. */
    Path path(Dpid src, List<Link> links) {
        return links.isEmpty() ? Path.empty(src) : Path.of(links, cost(links));
    }
}
