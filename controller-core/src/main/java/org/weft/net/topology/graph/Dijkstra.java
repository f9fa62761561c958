package org.weft.net.topology.graph;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.weft.net.Dpid;
import org.weft.net.Link;

/**
 * Dijkstra over a {@link WeightedTopology}, forward from a source or backward to a destination,
 * optionally with switches and links left out. Switches are settled by distance, then by DPID;
 * links of a switch are relaxed in ascending order and a distance is only replaced by a strictly
 * smaller one, so the tree found depends on nothing but the graph. The search runs on switch and
 * arc indexes over primitive arrays ({@link SearchQueue}); only its answer is turned back into
 * switches and links.
 */
final class Dijkstra {

    private Dijkstra() {}

    /**
     * The cost of reaching {@code dst} from each of {@code sources} (those that can), searching
     * backward from {@code dst} only until every source is settled: cheap when they are close.
     */
    static Map<Dpid, Double> toFrom(WeightedTopology g, Dpid dst, Set<Dpid> sources) {
        int r = g.index(dst);
        Map<Dpid, Double> out = new HashMap<>();
        if (r < 0) {
            sources.stream().filter(dst::equals).forEach(s -> out.put(s, 0.0));
            return out;
        }
        boolean[] target = new boolean[g.nodes().length];
        int targets = 0;
        for (Dpid s : sources) {
            int n = g.index(s);
            if (n >= 0 && !target[n]) {
                target[n] = true;
                targets++;
            }
        }
        Search s = search(g, r, target, targets, true, null, null);
        for (Dpid source : sources) {
            int n = g.index(source);
            if (n >= 0 && s.done[n]) {
                out.put(source, s.dist[n]);
            }
        }
        return out;
    }

    /**
     * A shortest path avoiding the given switches and links; {@code src} must not be banned. Empty
     * when {@code dst} cannot be reached; both must be in the topology.
     */
    static Optional<List<Link>> path(
            WeightedTopology g,
            Dpid src,
            Dpid dst,
            Set<Dpid> bannedSwitches,
            Set<Link> bannedLinks) {
        int r = g.index(src);
        int d = g.index(dst);
        if (r < 0 || d < 0) {
            return src.equals(dst) ? Optional.of(List.of()) : Optional.empty();
        }
        boolean[] target = new boolean[g.nodes().length];
        target[d] = true;
        Search s =
                search(
                        g,
                        r,
                        target,
                        1,
                        false,
                        banned(g, bannedSwitches),
                        bannedArcs(g, bannedLinks));
        if (!s.done[d]) {
            return Optional.empty();
        }
        WeightedTopology.Arcs arcs = g.arcs(false);
        int hops = 0;
        for (int at = d; at != r; at = s.from[at]) {
            hops++;
        }
        Link[] links = new Link[hops];
        for (int at = d; at != r; at = s.from[at]) {
            links[--hops] = g.link(arcs.link()[s.via[at]]);
        }
        return Optional.of(List.of(links));
    }

    /**
     * Distances to {@code dst} by switch index ({@link WeightedTopology#nodes()}); infinite where
     * {@code dst} cannot be reached. {@code dst} must be in the topology.
     */
    static double[] distancesTo(WeightedTopology g, Dpid dst) {
        Search s = search(g, g.index(dst), null, 0, true, null, null);
        return s.dist; // unreached switches keep their infinite distance
    }

    private static boolean[] banned(WeightedTopology g, Set<Dpid> switches) {
        if (switches.isEmpty()) {
            return null;
        }
        boolean[] banned = new boolean[g.nodes().length];
        for (Dpid dpid : switches) {
            int n = g.index(dpid);
            if (n >= 0) {
                banned[n] = true;
            }
        }
        return banned;
    }

    private static boolean[] bannedArcs(WeightedTopology g, Set<Link> links) {
        if (links.isEmpty()) {
            return null;
        }
        boolean[] banned = new boolean[g.arcs(false).far().length];
        for (Link link : links) {
            int a = g.outArc(link);
            if (a >= 0) {
                banned[a] = true;
            }
        }
        return banned;
    }

    /** By switch index: distance, settled, the arc and the switch it was reached from. */
    private record Search(double[] dist, boolean[] done, int[] via, int[] from) {}

    /**
     * The search itself. {@code target} (null for none) marks switches after which, once {@code
     * targets} of them are settled, the rest of the graph is not needed; {@code bannedNodes} and
     * {@code bannedArcs} (null for none) are never entered or crossed.
     */
    private static Search search(
            WeightedTopology g,
            int root,
            boolean[] target,
            int targets,
            boolean backward,
            boolean[] bannedNodes,
            boolean[] bannedArcs) {
        int n = g.nodes().length;
        WeightedTopology.Arcs arcs = g.arcs(backward);
        int[] start = arcs.start();
        int[] far = arcs.far();
        double[] weight = arcs.weight();
        double[] dist = new double[n];
        Arrays.fill(dist, Double.POSITIVE_INFINITY);
        int[] via = new int[n];
        int[] from = new int[n];
        boolean[] done = new boolean[n];
        SearchQueue queue = new SearchQueue(n);
        int unsettledTargets = targets;
        dist[root] = 0.0;
        queue.add(0.0, root);
        while (!queue.isEmpty()) {
            double du = queue.peekKey();
            int u = queue.poll();
            if (done[u] || du > dist[u]) {
                continue;
            }
            done[u] = true;
            if (target != null && target[u] && --unsettledTargets == 0) {
                break; // every target settled: the rest of the graph is not needed
            }
            for (int a = start[u]; a < start[u + 1]; a++) {
                int v = far[a];
                if (done[v]
                        || (bannedArcs != null && bannedArcs[a])
                        || (bannedNodes != null && bannedNodes[v])) {
                    continue;
                }
                double d = du + weight[a];
                if (d < dist[v]) {
                    dist[v] = d;
                    via[v] = a;
                    from[v] = u;
                    queue.add(d, v);
                }
            }
        }
        if (target != null) {
            // Not settled: the search stopped before these distances were final.
            for (int v = 0; v < n; v++) {
                if (!done[v]) {
                    dist[v] = Double.POSITIVE_INFINITY;
                }
            }
        }
        return new Search(dist, done, via, from);
    }
}
