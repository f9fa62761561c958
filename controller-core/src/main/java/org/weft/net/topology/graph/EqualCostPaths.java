package org.weft.net.topology.graph;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableListMultimap;
import com.google.common.collect.ImmutableMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.topology.LinkWeigher;
import org.weft.net.topology.NextHops;
import org.weft.net.topology.Path;
import org.weft.net.topology.TopologySnapshot;

/**
 * Equal-cost multipath: the next hops toward a destination from every switch, and the set of all
 * least-cost paths between two switches. A backward Dijkstra from the destination gives each
 * switch's distance {@code d}; link {@code u->v} is a next hop of {@code u} when {@code w(u->v) +
 * d(v) == d(u)}, within {@link #RELATIVE_TOLERANCE}.
 */
public final class EqualCostPaths {

    /** Two costs are equal when they differ by at most this fraction of the larger (or of 1). */
    public static final double RELATIVE_TOLERANCE = 1e-9;

    private EqualCostPaths() {}

    /** The equal-cost next hops toward {@code dst}; none at all when {@code dst} is unknown. */
    public static NextHops nextHops(TopologySnapshot topology, LinkWeigher weigher, Dpid dst) {
        return nextHops(WeightedTopology.of(topology, weigher), dst);
    }

    /**
     * A calculator of next hops toward any destination over one snapshot and weigher: the links are
     * weighed once per snapshot, not once per destination (planning every host of a fabric asks for
     * many).
     */
    public static java.util.function.Function<Dpid, NextHops> nextHopsOver(
            TopologySnapshot topology, LinkWeigher weigher) {
        return PlanningGraph.of(topology, weigher)::nextHops;
    }

    /**
     * All least-cost loop-free paths, at most {@code maxPaths}, in ascending order of their links.
     * Empty when {@code maxPaths <= 0}, a switch is unknown or there is no path; {@code [empty
     * path]} when {@code src == dst}.
     */
    public static List<Path> find(
            TopologySnapshot topology, LinkWeigher weigher, Dpid src, Dpid dst, int maxPaths) {
        WeightedTopology g = WeightedTopology.of(topology, weigher);
        if (maxPaths <= 0 || !g.contains(src) || !g.contains(dst)) {
            return List.of();
        }
        if (src.equals(dst)) {
            return List.of(Path.empty(src));
        }
        NextHops hops = nextHops(g, dst);
        if (!hops.canReach(src)) {
            return List.of();
        }
        List<Path> result = new ArrayList<>();
        Set<Dpid> onPath = new HashSet<>(List.of(src));
        collect(g, hops, src, new ArrayDeque<>(), onPath, result, maxPaths);
        return ImmutableList.copyOf(result);
    }

    /** Depth-first walk over next hops, links in ascending order, never revisiting a switch. */
    private static void collect(
            WeightedTopology g,
            NextHops hops,
            Dpid at,
            Deque<Link> prefix,
            Set<Dpid> onPath,
            List<Path> result,
            int maxPaths) {
        if (at.equals(hops.destination())) {
            result.add(g.path(prefix.peekFirst().srcDpid(), List.copyOf(prefix)));
            return;
        }
        for (Link link : hops.linksFrom(at)) {
            if (result.size() >= maxPaths) {
                return;
            }
            if (onPath.add(link.dstDpid())) {
                prefix.addLast(link);
                collect(g, hops, link.dstDpid(), prefix, onPath, result, maxPaths);
                prefix.removeLast();
                onPath.remove(link.dstDpid());
            }
        }
    }

    static NextHops nextHops(WeightedTopology g, Dpid dst) {
        if (!g.contains(dst) || g.index(dst) < 0) {
            return new NextHops(dst, ImmutableMap.of(), ImmutableListMultimap.of());
        }
        double[] dist = Dijkstra.distancesTo(g, dst);
        Dpid[] nodes = g.nodes();
        WeightedTopology.Arcs out = g.arcs(false);
        int[] start = out.start();
        int[] far = out.far();
        double[] weight = out.weight();
        int d = g.index(dst);
        @SuppressWarnings("unchecked")
        List<Link>[] hops = new List[nodes.length];
        Link[] found = new Link[maxDegree(start)];
        for (int u = 0; u < nodes.length; u++) {
            int count = 0;
            if (u != d && dist[u] != Double.POSITIVE_INFINITY) {
                for (int a = start[u]; a < start[u + 1]; a++) {
                    double dv = dist[far[a]];
                    if (dv != Double.POSITIVE_INFINITY && equal(weight[a] + dv, dist[u])) {
                        found[count++] = g.link(out.link()[a]);
                    }
                }
            }
            // A switch's arcs are distinct and in ascending order already.
            hops[u] = count == 0 ? ImmutableList.of() : g.hopsList(u, found, count);
        }
        return NextHops.indexed(dst, nodes, g::index, dist, hops);
    }

    private static int maxDegree(int[] start) {
        int max = 0;
        for (int n = 0; n + 1 < start.length; n++) {
            max = Math.max(max, start[n + 1] - start[n]);
        }
        return max;
    }

    static boolean equal(double a, double b) {
        return Math.abs(a - b)
                <= RELATIVE_TOLERANCE * Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
    }
}
