package org.weft.net.topology.graph;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.Lists;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.weft.net.Dpid;
import org.weft.net.Link;

/**
 * The integer-indexed graph that {@link DisjointPaths} runs Suurballe's algorithm on. Vertices are
 * switches (or, when split, an in- and an out-vertex per switch); arcs are usable links plus, when
 * split, one arc from each in-vertex to its out-vertex. Arc indices are stable: a residual graph
 * reverses some arcs but keeps their indices, so weights and results stay comparable.
 */
final class ArcGraph {

    /** An arc; {@code link} is null for the arc inside a split switch. */
    record Arc(int from, int to, double weight, Link link) {
        Arc reverse() {
            return new Arc(to, from, weight, link);
        }
    }

    /** Result of a Dijkstra run: distance of each vertex and the arc that reached it. */
    record SearchResult(double[] distances, int[] predecessorArcs, ArcGraph graph) {

        double distance(int vertex) {
            return distances[vertex];
        }

        /** Arc indices from the source to {@code target}, which must be reachable. */
        List<Integer> arcsTo(int target) {
            List<Integer> result = new ArrayList<>();
            for (int v = target; predecessorArcs[v] >= 0; ) {
                int arc = predecessorArcs[v];
                result.add(arc);
                v = graph.arcs.get(arc).from();
            }
            return Lists.reverse(result);
        }
    }

    private record Entry(double distance, int vertex) {}

    private static final Comparator<Entry> ORDER =
            Comparator.comparingDouble(Entry::distance).thenComparingInt(Entry::vertex);

    private final boolean split;
    private final Map<Dpid, Integer> index;
    private final int vertexCount;
    private final ImmutableList<Arc> arcs;
    private final List<List<Integer>> outArcs;

    ArcGraph(WeightedTopology g, boolean split) {
        this.split = split;
        this.index = new HashMap<>();
        for (Dpid dpid : g.topology().switches()) {
            index.put(dpid, index.size());
        }
        this.vertexCount = split ? 2 * index.size() : index.size();
        ImmutableList.Builder<Arc> builder = ImmutableList.builder();
        for (Link link : g.links()) {
            builder.add(
                    new Arc(
                            outVertex(link.srcDpid()),
                            inVertex(link.dstDpid()),
                            g.weight(link),
                            link));
        }
        if (split) {
            for (int i = 0; i < index.size(); i++) {
                builder.add(new Arc(2 * i, 2 * i + 1, 0, null));
            }
        }
        this.arcs = builder.build();
        this.outArcs = indexOutArcs(arcs, vertexCount);
    }

    private ArcGraph(ArcGraph base, ImmutableList<Arc> arcs) {
        this.split = base.split;
        this.index = base.index;
        this.vertexCount = base.vertexCount;
        this.arcs = arcs;
        this.outArcs = indexOutArcs(arcs, vertexCount);
    }

    private static List<List<Integer>> indexOutArcs(List<Arc> arcs, int vertexCount) {
        List<List<Integer>> out = new ArrayList<>(vertexCount);
        for (int v = 0; v < vertexCount; v++) {
            out.add(new ArrayList<>());
        }
        for (int i = 0; i < arcs.size(); i++) {
            out.get(arcs.get(i).from()).add(i);
        }
        return out;
    }

    int inVertex(Dpid dpid) {
        int i = index.get(dpid);
        return split ? 2 * i : i;
    }

    int outVertex(Dpid dpid) {
        int i = index.get(dpid);
        return split ? 2 * i + 1 : i;
    }

    /** The arcs' own weights, by arc index. */
    double[] weights() {
        return arcs.stream().mapToDouble(Arc::weight).toArray();
    }

    /** The same graph with the given arcs reversed. */
    ArcGraph withReversed(List<Integer> arcIndices) {
        List<Arc> copy = new ArrayList<>(arcs);
        arcIndices.forEach(i -> copy.set(i, copy.get(i).reverse()));
        return new ArcGraph(this, ImmutableList.copyOf(copy));
    }

    /** Dijkstra from {@code source}; arcs whose weight is infinite are skipped. */
    SearchResult dijkstra(int source, double[] weights) {
        double[] distances = new double[vertexCount];
        int[] predecessors = new int[vertexCount];
        boolean[] settled = new boolean[vertexCount];
        Arrays.fill(distances, Double.POSITIVE_INFINITY);
        Arrays.fill(predecessors, -1);
        distances[source] = 0;
        PriorityQueue<Entry> queue = new PriorityQueue<>(ORDER);
        queue.add(new Entry(0, source));
        while (!queue.isEmpty()) {
            Entry e = queue.poll();
            int u = e.vertex();
            if (settled[u]) {
                continue;
            }
            settled[u] = true;
            for (int arc : outArcs.get(u)) {
                int v = arcs.get(arc).to();
                double d = e.distance() + weights[arc];
                if (!settled[v] && d < distances[v]) {
                    distances[v] = d;
                    predecessors[v] = arc;
                    queue.add(new Entry(d, v));
                }
            }
        }
        return new SearchResult(distances, predecessors, this);
    }

    /**
     * Suurballe's re-weighting for the residual graph: {@code w + d(from) - d(to)} (never
     * negative), 0 for the first path's arcs (which the residual graph reverses), infinite for arcs
     * touching an unreachable vertex and, when {@code cableRule} is set, for the reverse of a link
     * the first path uses.
     */
    double[] reducedWeights(SearchResult first, List<Integer> firstPath, boolean cableRule) {
        Set<Integer> onPath = new HashSet<>(firstPath);
        Set<Link> pathLinks = new HashSet<>();
        firstPath.forEach(i -> pathLinks.add(arcs.get(i).link()));
        double[] reduced = new double[arcs.size()];
        for (int i = 0; i < arcs.size(); i++) {
            Arc arc = arcs.get(i);
            double df = first.distance(arc.from());
            double dt = first.distance(arc.to());
            if (onPath.contains(i)) {
                reduced[i] = 0;
            } else if (df == Double.POSITIVE_INFINITY || dt == Double.POSITIVE_INFINITY) {
                reduced[i] = Double.POSITIVE_INFINITY;
            } else if (cableRule
                    && arc.link() != null
                    && pathLinks.contains(arc.link().reverse())) {
                reduced[i] = Double.POSITIVE_INFINITY;
            } else {
                reduced[i] = Math.max(0, arc.weight() + df - dt);
            }
        }
        return reduced;
    }

    /** Arcs of the first path plus the second, minus those the second ran backwards. */
    boolean[] combine(List<Integer> firstPath, List<Integer> secondPath) {
        boolean[] used = new boolean[arcs.size()];
        firstPath.forEach(i -> used[i] = true);
        Set<Integer> onFirst = new HashSet<>(firstPath);
        for (int i : secondPath) {
            used[i] = !onFirst.contains(i);
        }
        return used;
    }

    /** Splits the used arcs into walks from {@code s} to {@code t}, as links; at most two. */
    List<List<Link>> decompose(boolean[] used, int s, int t) {
        boolean[] consumed = new boolean[arcs.size()];
        List<List<Link>> walks = new ArrayList<>();
        for (int n = 0; n < 2; n++) {
            List<Link> walk = new ArrayList<>();
            int v = s;
            while (v != t) {
                int next = -1;
                for (int arc : outArcs.get(v)) {
                    if (used[arc] && !consumed[arc]) {
                        next = arc;
                        break;
                    }
                }
                if (next < 0) {
                    return walks;
                }
                consumed[next] = true;
                if (arcs.get(next).link() != null) {
                    walk.add(arcs.get(next).link());
                }
                v = arcs.get(next).to();
            }
            walks.add(walk);
        }
        return walks;
    }
}
