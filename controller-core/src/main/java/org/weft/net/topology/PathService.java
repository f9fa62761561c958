package org.weft.net.topology;

import java.util.List;
import java.util.Optional;
import org.weft.net.Dpid;

/**
 * Answers route queries over the current topology snapshot. No route is an empty answer, never null
 * or an exception; an unknown switch has no routes; from a switch to itself the answer is the empty
 * path. Answers are deterministic for a given snapshot and weigher.
 */
public interface PathService {

    /** Upper bound on equal-cost paths when the caller gives none. */
    int DEFAULT_MAX_EQUAL_COST_PATHS = 16;

    /** A least-cost path (Dijkstra); ties go to the path found first in switch and link order. */
    Optional<Path> getPath(Dpid src, Dpid dst, LinkWeigher weigher);

    /** Up to {@code k} loop-free paths in ascending cost order (Yen); empty when k <= 0. */
    List<Path> getKShortestPaths(Dpid src, Dpid dst, LinkWeigher weigher, int k);

    /**
     * All least-cost paths, at most {@code maxPaths}, in ascending link order. Costs are equal
     * within a relative tolerance of 1e-9.
     */
    List<Path> getEqualCostPaths(Dpid src, Dpid dst, LinkWeigher weigher, int maxPaths);

    /** {@link #getEqualCostPaths(Dpid, Dpid, LinkWeigher, int)} with the default bound. */
    default List<Path> getEqualCostPaths(Dpid src, Dpid dst, LinkWeigher weigher) {
        return getEqualCostPaths(src, dst, weigher, DEFAULT_MAX_EQUAL_COST_PATHS);
    }

    /** Two disjoint paths of least total cost (Suurballe), empty when no such pair exists. */
    Optional<DisjointPathPair> getDisjointPair(
            Dpid src, Dpid dst, LinkWeigher weigher, Disjointness disjointness);

    /**
     * The equal-cost next hops toward {@code dst} from every switch. For an unknown destination, no
     * switch has next hops.
     */
    NextHops getNextHops(Dpid dst, LinkWeigher weigher);
}
