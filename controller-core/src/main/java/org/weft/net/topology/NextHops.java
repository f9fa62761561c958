package org.weft.net.topology;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableListMultimap;
import com.google.common.collect.ImmutableMap;
import java.util.List;
import java.util.OptionalDouble;
import org.weft.net.Dpid;
import org.weft.net.Link;

/**
 * For one destination switch, the equal-cost next hops of every switch: the links leaving each
 * switch that start some shortest path to the destination. This is what a per-destination select
 * group holds.
 *
 * @param destination the switch all paths lead to
 * @param distances the cost of a shortest path to {@code destination} from every switch that can
 *     reach it (0 for the destination itself)
 * @param links the next-hop links of every switch that can reach the destination, in ascending
 *     order; the destination itself has none
 */
public record NextHops(
        Dpid destination,
        ImmutableMap<Dpid, Double> distances,
        ImmutableListMultimap<Dpid, Link> links) {

    public NextHops {
        checkNotNull(destination, "destination");
        checkNotNull(distances, "distances");
        checkNotNull(links, "links");
    }

    /**
     * Next-hop links leaving {@code dpid}, in ascending order; empty when it cannot reach the
     * destination.
     */
    public List<Link> linksFrom(Dpid dpid) {
        return links.get(dpid);
    }

    /** Cost of a shortest path from {@code dpid}; empty when it cannot reach the destination. */
    public OptionalDouble distance(Dpid dpid) {
        Double d = distances.get(dpid);
        return d == null ? OptionalDouble.empty() : OptionalDouble.of(d);
    }

    public boolean canReach(Dpid dpid) {
        return distances.containsKey(dpid);
    }
}
