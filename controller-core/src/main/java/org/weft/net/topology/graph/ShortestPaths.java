package org.weft.net.topology.graph;

import java.util.Optional;
import java.util.Set;
import org.weft.net.Dpid;
import org.weft.net.topology.LinkWeigher;
import org.weft.net.topology.Path;
import org.weft.net.topology.TopologySnapshot;

/**
 * Single least-cost path (Dijkstra). Among paths of equal cost the answer is fixed by the graph:
 * switches are settled by distance then DPID, and the first switch to reach a neighbour at a given
 * distance keeps it.
 */
public final class ShortestPaths {

    private ShortestPaths() {}

    /** A least-cost path; empty when {@code dst} cannot be reached or a switch is unknown. */
    public static Optional<Path> find(
            TopologySnapshot topology, LinkWeigher weigher, Dpid src, Dpid dst) {
        WeightedTopology g = WeightedTopology.of(topology, weigher);
        if (!g.contains(src) || !g.contains(dst)) {
            return Optional.empty();
        }
        return Dijkstra.path(g, src, dst, Set.of(), Set.of()).map(links -> g.path(src, links));
    }
}
