package org.weft.net.topology.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.topology.DisjointPathPair;
import org.weft.net.topology.Disjointness;
import org.weft.net.topology.LinkWeigher;
import org.weft.net.topology.Path;
import org.weft.net.topology.TopologySnapshot;

/**
 * Suurballe's algorithm: the pair of link- or node-disjoint paths of least total cost.
 *
 * <p>The topology becomes a graph of vertices and arcs ({@link ArcGraph}); for node-disjoint pairs
 * each switch is split into an in-vertex and an out-vertex joined by one arc, so that at most one
 * path can cross it. After a first shortest path, arcs are re-weighted with the Dijkstra distances
 * (all weights stay non-negative), the first path's arcs are reversed, and a second shortest path
 * is found. Arcs used by both paths in opposite directions cancel; what remains is split into two
 * paths.
 *
 * <p>For link-disjoint pairs a cable counts as one resource: when the first path uses {@code u->v},
 * the second may not use the real {@code v->u} (only the reversed arc, which cancels). The pair is
 * then optimal when both directions of a cable weigh the same, as usual; with asymmetric weights it
 * is still disjoint but may cost more than the minimum.
 */
public final class DisjointPaths {

    private DisjointPaths() {}

    /**
     * The cheapest disjoint pair from {@code src} to {@code dst}; empty when none exists or a
     * switch is unknown. When {@code src == dst} both paths are the empty path.
     */
    public static Optional<DisjointPathPair> find(
            TopologySnapshot topology,
            LinkWeigher weigher,
            Dpid src,
            Dpid dst,
            Disjointness disjointness) {
        WeightedTopology g = WeightedTopology.of(topology, weigher);
        if (!g.contains(src) || !g.contains(dst)) {
            return Optional.empty();
        }
        if (src.equals(dst)) {
            return Optional.of(new DisjointPathPair(Path.empty(src), Path.empty(src)));
        }
        ArcGraph arcs = new ArcGraph(g, disjointness == Disjointness.NODE);
        int s = arcs.outVertex(src);
        int t = arcs.inVertex(dst);

        ArcGraph.SearchResult first = arcs.dijkstra(s, arcs.weights());
        if (first.distance(t) == Double.POSITIVE_INFINITY) {
            return Optional.empty();
        }
        List<Integer> p1 = first.arcsTo(t);
        double[] reduced = arcs.reducedWeights(first, p1, disjointness == Disjointness.LINK);
        ArcGraph.SearchResult second = arcs.withReversed(p1).dijkstra(s, reduced);
        if (second.distance(t) == Double.POSITIVE_INFINITY) {
            return Optional.empty();
        }
        boolean[] used = arcs.combine(p1, second.arcsTo(t));
        List<List<Link>> walks = arcs.decompose(used, s, t);
        if (walks.size() != 2) {
            return Optional.empty();
        }
        Path a = g.path(src, withoutLoops(walks.get(0)));
        Path b = g.path(src, withoutLoops(walks.get(1)));
        return Optional.of(
                PathOrder.ORDER.compare(a, b) <= 0
                        ? new DisjointPathPair(a, b)
                        : new DisjointPathPair(b, a));
    }

    /** Cuts every cycle out of a walk: it only gets cheaper and stays disjoint from the other. */
    static List<Link> withoutLoops(List<Link> walk) {
        List<Link> result = new ArrayList<>();
        Map<Dpid, Integer> position = new HashMap<>();
        if (!walk.isEmpty()) {
            position.put(walk.get(0).srcDpid(), 0);
        }
        for (Link link : walk) {
            Integer seen = position.get(link.dstDpid());
            if (seen != null) {
                for (int i = result.size() - 1; i >= seen; i--) {
                    position.remove(result.remove(i).dstDpid());
                }
                position.put(link.dstDpid(), seen);
            } else {
                result.add(link);
                position.put(link.dstDpid(), result.size());
            }
        }
        return result;
    }
}
