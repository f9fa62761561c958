package org.weft.net.topology;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableListMultimap;
import com.google.common.collect.ImmutableMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.weft.net.Dpid;
import org.weft.net.Link;

/**
 * For one destination switch, the equal-cost next hops of every switch: the links leaving each
 * switch that start some shortest path to the destination. This is what a per-destination select
 * group holds.
 *
 * <p>{@link #withLinksFrom} derives next hops that differ at a few switches without copying the
 * others (route planning prunes lost links from a destination's next hops this way, once per
 * destination after a cut); {@link #links()} then builds the whole multimap on first use.
 */
public final class NextHops {

    private final Dpid destination;
    private final ImmutableMap<Dpid, Double> distances;
    private final ImmutableListMultimap<Dpid, Link> base;

    /** Switches whose next hops replace the base's; null when none. */
    private final Map<Dpid, ImmutableList<Link>> replaced;

    private volatile ImmutableListMultimap<Dpid, Link> links;

    /**
     * @param destination the switch all paths lead to
     * @param distances the cost of a shortest path to {@code destination} from every switch that
     *     can reach it (0 for the destination itself)
     * @param links the next-hop links of every switch that can reach the destination, in ascending
     *     order; the destination itself has none
     */
    public NextHops(
            Dpid destination,
            ImmutableMap<Dpid, Double> distances,
            ImmutableListMultimap<Dpid, Link> links) {
        this(destination, distances, checkNotNull(links, "links"), null);
        this.links = links;
    }

    private NextHops(
            Dpid destination,
            ImmutableMap<Dpid, Double> distances,
            ImmutableListMultimap<Dpid, Link> base,
            Map<Dpid, ImmutableList<Link>> replaced) {
        this.destination = checkNotNull(destination, "destination");
        this.distances = checkNotNull(distances, "distances");
        this.base = base;
        this.replaced = replaced;
    }

    /**
     * The same distances, with the next hops of the given switches replaced (each list non-empty,
     * in ascending order): the caller vouches that these are the next hops toward the destination
     * (for instance, after links were lost that were never a switch's only next hop).
     */
    public NextHops withLinksFrom(Map<Dpid, List<Link>> changed) {
        Map<Dpid, ImmutableList<Link>> all =
                replaced == null ? new HashMap<>() : new HashMap<>(replaced);
        changed.forEach((s, l) -> all.put(s, ImmutableList.copyOf(l)));
        return new NextHops(destination, distances, base, all);
    }

    public Dpid destination() {
        return destination;
    }

    public ImmutableMap<Dpid, Double> distances() {
        return distances;
    }

    /** The next-hop links of every switch, in ascending order per switch. */
    public ImmutableListMultimap<Dpid, Link> links() {
        ImmutableListMultimap<Dpid, Link> l = links;
        if (l == null) {
            ImmutableListMultimap.Builder<Dpid, Link> b = ImmutableListMultimap.builder();
            base.asMap()
                    .forEach(
                            (s, hops) -> {
                                ImmutableList<Link> r = replaced.get(s);
                                b.putAll(s, r != null ? r : hops);
                            });
            replaced.forEach(
                    (s, r) -> {
                        if (!base.containsKey(s)) {
                            b.putAll(s, r);
                        }
                    });
            l = b.build();
            links = l;
        }
        return l;
    }

    /**
     * Next-hop links leaving {@code dpid}, in ascending order; empty when it cannot reach the
     * destination.
     */
    public List<Link> linksFrom(Dpid dpid) {
        if (replaced != null) {
            ImmutableList<Link> r = replaced.get(dpid);
            if (r != null) {
                return r;
            }
        }
        return base.get(dpid);
    }

    /** Cost of a shortest path from {@code dpid}; empty when it cannot reach the destination. */
    public OptionalDouble distance(Dpid dpid) {
        Double d = distances.get(dpid);
        return d == null ? OptionalDouble.empty() : OptionalDouble.of(d);
    }

    /** {@link #distance} as a plain number: {@code none} when it cannot reach the destination. */
    public double distanceOr(Dpid dpid, double none) {
        Double d = distances.get(dpid);
        return d == null ? none : d;
    }

    public boolean canReach(Dpid dpid) {
        return distances.containsKey(dpid);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NextHops other
                && destination.equals(other.destination)
                && distances.equals(other.distances)
                && links().equals(other.links());
    }

    @Override
    public int hashCode() {
        return Objects.hash(destination, distances, links());
    }

    @Override
    public String toString() {
        return "NextHops[destination="
                + destination
                + ", distances="
                + distances
                + ", links="
                + links()
                + "]";
    }
}
