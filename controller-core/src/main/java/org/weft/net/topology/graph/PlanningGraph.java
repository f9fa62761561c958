package org.weft.net.topology.graph;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.topology.LinkWeigher;
import org.weft.net.topology.NextHops;
import org.weft.net.topology.TopologySnapshot;

/**
 * The distance questions route planning asks about one snapshot, with every link weighed once
 * (planning all hosts of a fabric asks many of them). Not cached here: callers keep what they
 * reuse.
 */
public final class PlanningGraph {

    private final WeightedTopology g;

    public PlanningGraph(TopologySnapshot topology, LinkWeigher weigher) {
        this.g = new WeightedTopology(topology, weigher);
    }

    /** Equal-cost next hops (and distances) of every switch toward {@code dst}. */
    public NextHops nextHops(Dpid dst) {
        return EqualCostPaths.nextHops(g, dst);
    }

    /**
     * The least cost from each switch that {@code s} has a usable link to, back to {@code s} (what
     * a loop-free-alternate check needs). A search around {@code s} that stops once those
     * neighbours are settled, not a Dijkstra over the whole fabric; unreachable neighbours are
     * absent.
     */
    public Map<Dpid, Double> distancesFromNeighbours(Dpid s) {
        if (!g.contains(s)) {
            return Map.of();
        }
        Set<Dpid> neighbours = new HashSet<>();
        for (Link l : g.out(s)) {
            neighbours.add(l.dstDpid());
        }
        return Dijkstra.toFrom(g, s, neighbours);
    }
}
