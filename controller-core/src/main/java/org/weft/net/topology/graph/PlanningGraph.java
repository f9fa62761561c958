package org.weft.net.topology.graph;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.weft.net.Dpid;
import org.weft.net.topology.LinkWeigher;
import org.weft.net.topology.NextHops;
import org.weft.net.topology.TopologySnapshot;

/**
 * The distance questions route planning asks about one snapshot, with every link weighed once
 * (planning all hosts of a fabric asks many of them). The answers are not cached here: callers keep
 * what they reuse.
 */
public final class PlanningGraph {

    private final WeightedTopology g;

    /**
     * Weighs every link of {@code topology} now, for this graph alone; {@link #of} shares one
     * weighted view per snapshot and weigher instead.
     */
    public PlanningGraph(TopologySnapshot topology, LinkWeigher weigher) {
        this(new WeightedTopology(topology, weigher));
    }

    private PlanningGraph(WeightedTopology g) {
        this.g = g;
    }

    /**
     * A planning graph over the weighted view of {@code topology} that is built on first use per
     * snapshot and weigher (identity) and kept with the snapshot, shared with the path service.
     */
    public static PlanningGraph of(TopologySnapshot topology, LinkWeigher weigher) {
        return new PlanningGraph(WeightedTopology.of(topology, weigher));
    }

    /** Equal-cost next hops (and distances) of every switch toward {@code dst}. */
    public NextHops nextHops(Dpid dst) {
        return EqualCostPaths.nextHops(g, dst);
    }

    /**
     * The least cost from each switch that {@code s} has a usable link to, back to {@code s} (what
     * a loop-free-alternate check needs); unreachable neighbours are absent. Usually read off the
     * links into {@code s}: a neighbour's own link back costs no more than any detour when its
     * weight is at most twice the least link weight (a detour crosses two links or more), as always
     * under hop count. Otherwise a search around {@code s} that stops once those neighbours are
     * settled, not a Dijkstra over the whole fabric.
     */
    public Map<Dpid, Double> distancesFromNeighbours(Dpid s) {
        int u = g.index(s);
        if (u < 0) {
            return Map.of();
        }
        WeightedTopology.Arcs out = g.arcs(false);
        WeightedTopology.Arcs in = g.arcs(true);
        Dpid[] nodes = g.nodes();
        Map<Dpid, Double> direct = new HashMap<>();
        for (int a = out.start()[u]; a < out.start()[u + 1]; a++) {
            direct.put(nodes[out.far()[a]], Double.POSITIVE_INFINITY);
        }
        for (int a = in.start()[u]; a < in.start()[u + 1]; a++) {
            Dpid v = nodes[in.far()[a]];
            Double d = direct.get(v);
            if (d != null && in.weight()[a] < d) {
                direct.put(v, in.weight()[a]);
            }
        }
        double detour = 2 * g.minWeight();
        for (double d : direct.values()) {
            if (!(d <= detour)) {
                return Dijkstra.toFrom(g, s, direct.keySet());
            }
        }
        return direct;
    }

    /**
     * The switches whose {@link #distancesFromNeighbours} takes a search: some switch they link to
     * has no link back to them weighing at most twice the least link weight. From every other
     * switch the answer is read off its links back. One pass over the links.
     */
    public Set<Dpid> searchedNeighbourDistances() {
        WeightedTopology.Arcs out = g.arcs(false);
        WeightedTopology.Arcs in = g.arcs(true);
        Dpid[] nodes = g.nodes();
        double detour = 2 * g.minWeight();
        // Per neighbour of the switch at hand: its cheapest link back (stamped with the switch).
        int[] stamp = new int[nodes.length];
        double[] back = new double[nodes.length];
        Set<Dpid> searched = new HashSet<>();
        for (int u = 0; u < nodes.length; u++) {
            for (int a = out.start()[u]; a < out.start()[u + 1]; a++) {
                stamp[out.far()[a]] = u + 1;
                back[out.far()[a]] = Double.POSITIVE_INFINITY;
            }
            for (int a = in.start()[u]; a < in.start()[u + 1]; a++) {
                int v = in.far()[a];
                if (stamp[v] == u + 1 && in.weight()[a] < back[v]) {
                    back[v] = in.weight()[a];
                }
            }
            for (int a = out.start()[u]; a < out.start()[u + 1]; a++) {
                if (!(back[out.far()[a]] <= detour)) {
                    searched.add(nodes[u]);
                    break;
                }
            }
        }
        return searched;
    }
}
