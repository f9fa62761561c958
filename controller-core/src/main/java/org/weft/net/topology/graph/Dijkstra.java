package org.weft.net.topology.graph;

import com.google.common.collect.Lists;
import java.util.ArrayList;
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

    private record Entry(double distance, Dpid dpid) {}

    private static final Comparator<Entry> ORDER =
            Comparator.comparingDouble(Entry::distance).thenComparing(Entry::dpid);

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
        Map<Dpid, Double> distances = new HashMap<>();
        Map<Dpid, Link> treeLinks = new HashMap<>();
        Map<Dpid, Double> settled = new HashMap<>();
        PriorityQueue<Entry> queue = new PriorityQueue<>(ORDER);
        int unsettledTargets = targets.size();
        distances.put(root, 0.0);
        queue.add(new Entry(0.0, root));
        while (!queue.isEmpty()) {
            Entry e = queue.poll();
            Dpid u = e.dpid();
            if (settled.containsKey(u) || e.distance() > distances.get(u)) {
                continue;
            }
            settled.put(u, e.distance());
            if (targets.contains(u) && --unsettledTargets == 0) {
                break; // every target settled: the rest of the graph is not needed
            }
            for (Link link : backward ? g.in(u) : g.out(u)) {
                Dpid v = backward ? link.srcDpid() : link.dstDpid();
                if (bannedLinks.contains(link) || bannedSwitches.contains(v)) {
                    continue;
                }
                double d = e.distance() + g.weight(link);
                Double known = distances.get(v);
                if (known == null || d < known) {
                    distances.put(v, d);
                    treeLinks.put(v, link);
                    queue.add(new Entry(d, v));
                }
            }
        }
        return new Tree(root, settled, treeLinks);
    }
}
