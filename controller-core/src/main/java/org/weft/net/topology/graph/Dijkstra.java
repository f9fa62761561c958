package org.weft.net.topology.graph;

import com.google.common.collect.Lists;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import org.weft.net.Dpid;
import org.weft.net.Link;

/**
 * Dijkstra over a {@link WeightedTopology}, forward from a source or backward to a destination,
 * optionally with switches and links left out. Switches are settled by distance, then by DPID;
 * links of a switch are relaxed in ascending order and a distance is only replaced by a strictly
 * smaller one, so the tree found depends on nothing but the graph.
 */
final class Dijkstra {

    /** Distances from (or to) the root, and the tree link used to reach each switch. */
    record Tree(Dpid root, Map<Dpid, Double> distances, Map<Dpid, Link> treeLinks) {

        /** Links from the root to {@code dst} for a forward tree; empty when unreachable. */
        Optional<List<Link>> pathTo(Dpid dst) {
            if (!distances.containsKey(dst)) {
                return Optional.empty();
            }
            List<Link> links = new ArrayList<>();
            for (Dpid at = dst; !at.equals(root); ) {
                Link link = treeLinks.get(at);
                links.add(link);
                at = link.srcDpid();
            }
            return Optional.of(Lists.reverse(links));
        }
    }

    private record Entry(double distance, int node) {}

    private static final Comparator<Entry> ORDER =
            Comparator.comparingDouble(Entry::distance).thenComparingInt(Entry::node);

    private Dijkstra() {}

    /** Shortest-path tree from {@code src}, complete (no target). */
    static Tree from(WeightedTopology g, Dpid src) {
        return run(g, src, Set.of(), false, Set.of(), Set.of());
    }

    /** Shortest-path tree toward {@code dst}: distances are costs of reaching {@code dst}. */
    static Tree to(WeightedTopology g, Dpid dst) {
        return run(g, dst, Set.of(), true, Set.of(), Set.of());
    }

    /**
     * The cost of reaching {@code dst} from each of {@code sources} (those that can), searching
     * backward from {@code dst} only until every source is settled: cheap when they are close.
     */
    static Map<Dpid, Double> toFrom(WeightedTopology g, Dpid dst, Set<Dpid> sources) {
        Map<Dpid, Double> settled = run(g, dst, sources, true, Set.of(), Set.of()).distances();
        Map<Dpid, Double> out = new HashMap<>();
        sources.forEach(
                s -> {
                    Double d = settled.get(s);
                    if (d != null) {
                        out.put(s, d);
                    }
                });
        return out;
    }

    /** A shortest path avoiding the given switches and links; {@code src} must not be banned. */
    static Optional<List<Link>> path(
            WeightedTopology g,
            Dpid src,
            Dpid dst,
            Set<Dpid> bannedSwitches,
            Set<Link> bannedLinks) {
        return run(g, src, Set.of(dst), false, bannedSwitches, bannedLinks).pathTo(dst);
    }

    private static Tree run(
            WeightedTopology g,
            Dpid root,
            Set<Dpid> targets,
            boolean backward,
            Set<Dpid> bannedSwitches,
            Set<Link> bannedLinks) {
        int r = g.index(root);
        if (r < 0) {
            return new Tree(root, Map.of(root, 0.0), Map.of());
        }
        Search s = search(g, r, targets, backward, bannedSwitches, bannedLinks);
        Dpid[] nodes = g.nodes();
        Map<Dpid, Double> settled = new HashMap<>();
        Map<Dpid, Link> treeLinks = new HashMap<>();
        for (int n = 0; n < nodes.length; n++) {
            if (s.done()[n]) {
                settled.put(nodes[n], s.dist()[n]);
                if (s.via()[n] != null) {
                    treeLinks.put(nodes[n], s.via()[n]);
                }
            }
        }
        return new Tree(root, settled, treeLinks);
    }

    /**
     * Distances to {@code dst} by switch index ({@link WeightedTopology#nodes()}); infinite where
     * {@code dst} cannot be reached. {@code dst} must be in the topology.
     */
    static double[] distancesTo(WeightedTopology g, Dpid dst) {
        Search s = search(g, g.index(dst), Set.of(), true, Set.of(), Set.of());
        double[] d = s.dist();
        for (int n = 0; n < d.length; n++) {
            if (!s.done()[n]) {
                d[n] = Double.POSITIVE_INFINITY;
            }
        }
        return d;
    }

    /** By switch index: distance, settled, tree link. */
    private record Search(double[] dist, boolean[] done, Link[] via) {}

    private static Search search(
            WeightedTopology g,
            int r,
            Set<Dpid> targets,
            boolean backward,
            Set<Dpid> bannedSwitches,
            Set<Link> bannedLinks) {
        Dpid[] nodes = g.nodes();
        WeightedTopology.Arcs arcs = g.arcs(backward);
        double[] dist = new double[nodes.length];
        Arrays.fill(dist, Double.POSITIVE_INFINITY);
        Link[] via = new Link[nodes.length];
        boolean[] done = new boolean[nodes.length];
        // Ties on distance settle the lower index first: indexes follow DPID order.
        PriorityQueue<Entry> queue = new PriorityQueue<>(ORDER);
        int unsettledTargets = targets.size();
        dist[r] = 0.0;
        queue.add(new Entry(0.0, r));
        while (!queue.isEmpty()) {
            Entry e = queue.poll();
            int u = e.node();
            if (done[u] || e.distance() > dist[u]) {
                continue;
            }
            done[u] = true;
            if (targets.contains(nodes[u]) && --unsettledTargets == 0) {
                break; // every target settled: the rest of the graph is not needed
            }
            int[] far = arcs.far()[u];
            double[] weight = arcs.weight()[u];
            Link[] link = arcs.link()[u];
            for (int k = 0; k < far.length; k++) {
                int v = far[k];
                if (done[v]
                        || (!bannedLinks.isEmpty() && bannedLinks.contains(link[k]))
                        || (!bannedSwitches.isEmpty() && bannedSwitches.contains(nodes[v]))) {
                    continue;
                }
                double d = e.distance() + weight[k];
                if (d < dist[v]) {
                    dist[v] = d;
                    via[v] = link[k];
                    queue.add(new Entry(d, v));
                }
            }
        }
        return new Search(dist, done, via);
    }
}
