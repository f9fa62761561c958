package org.weft.net.topology.graph;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.topology.LinkWeigher;
import org.weft.net.topology.Path;
import org.weft.net.topology.TopologySnapshot;

/**
 * Yen's k shortest loop-free paths. Paths come in ascending order of cost, then hop count, then
 * links in order.
 */
public final class KShortestPaths {

    private KShortestPaths() {}

    /**
     * Up to {@code k} loop-free paths from {@code src} to {@code dst}, cheapest first. Empty when
     * {@code k <= 0}, a switch is unknown or there is no path; {@code [empty path]} when {@code src
     * == dst}.
     */
    public static List<Path> find(
            TopologySnapshot topology, LinkWeigher weigher, Dpid src, Dpid dst, int k) {
        WeightedTopology g = WeightedTopology.of(topology, weigher);
        if (k <= 0 || !g.contains(src) || !g.contains(dst)) {
            return List.of();
        }
        if (src.equals(dst)) {
            return List.of(Path.empty(src));
        }
        Optional<List<Link>> first = Dijkstra.path(g, src, dst, Set.of(), Set.of());
        if (first.isEmpty()) {
            return List.of();
        }
        List<Path> accepted = new ArrayList<>(List.of(g.path(src, first.get())));
        TreeSet<Path> candidates = new TreeSet<>(PathOrder.ORDER);
        Set<List<Link>> seen = new HashSet<>(List.of(first.get()));
        while (accepted.size() < k) {
            addDeviations(g, accepted, candidates, seen);
            if (candidates.isEmpty()) {
                break;
            }
            accepted.add(candidates.pollFirst());
        }
        return ImmutableList.copyOf(accepted);
    }

    /** Yen's inner loop: deviations of the last accepted path at each of its switches. */
    private static void addDeviations(
            WeightedTopology g, List<Path> accepted, Set<Path> candidates, Set<List<Link>> seen) {
        Path previous = accepted.get(accepted.size() - 1);
        List<Dpid> switches = previous.switches();
        for (int i = 0; i < previous.hopCount(); i++) {
            Dpid spur = switches.get(i);
            List<Link> root = previous.links().subList(0, i);
            Set<Link> bannedLinks = new HashSet<>();
            for (Path p : accepted) {
                if (p.hopCount() > i && p.links().subList(0, i).equals(root)) {
                    bannedLinks.add(p.links().get(i));
                }
            }
            Set<Dpid> bannedSwitches = new HashSet<>(switches.subList(0, i));
            Optional<List<Link>> spurPath =
                    Dijkstra.path(g, spur, previous.dst(), bannedSwitches, bannedLinks);
            if (spurPath.isPresent()) {
                List<Link> total =
                        ImmutableList.<Link>builder().addAll(root).addAll(spurPath.get()).build();
                if (seen.add(total)) {
                    candidates.add(g.path(previous.src(), total));
                }
            }
        }
    }
}
