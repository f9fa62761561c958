package org.weft.net.topology;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableListMultimap;
import com.google.common.collect.ImmutableMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.weft.net.Dpid;
import org.weft.net.Link;

/**
 * For one destination switch, the equal-cost next hops of every switch: the links leaving each
 * switch that start some shortest path to the destination. This is what a per-destination select
 * group holds.
 *
 * <p>Held either as maps ({@link #NextHops(Dpid, ImmutableMap, ImmutableListMultimap)}) or, as a
 * planning graph computes them ({@link #indexed}), in arrays by the graph's switch index: route
 * planning asks for the next hops of every destination of a fabric, and building two maps of every
 * switch per destination (with a boxed distance each) was a tenth of its work. {@link #distances()}
 * and {@link #links()} build the maps on first use.
 *
 * <p>{@link #withLinksFrom} derives next hops that differ at a few switches without copying the
 * others (route planning prunes lost links from a destination's next hops this way, once per
 * destination after a cut).
 */
public final class NextHops {

    private final Dpid destination;

    /** The next hops by switch index; null when held as maps. */
    private final Indexed indexed;

    /** The next hops held as a multimap; null when {@link #indexed}. */
    private final ImmutableListMultimap<Dpid, Link> base;

    /** Switches whose next hops replace the base's; null when none. */
    private final Map<Dpid, ImmutableList<Link>> replaced;

    /** The distances when held as maps; null when {@link #indexed}. */
    private final ImmutableMap<Dpid, Double> distances;

    private volatile ImmutableListMultimap<Dpid, Link> links;

    /**
     * Next hops by switch index, shared by the next hops derived from them ({@link
     * #withLinksFrom}).
     */
    private static final class Indexed {
        /** The switches, in ascending order (a switch's index is its position). */
        final Dpid[] nodes;

        /** A switch's index in {@link #nodes}, negative when it is not there. */
        final ToIntFunction<Dpid> indexOf;

        /** Per index, the cost to the destination; infinite when it cannot be reached. */
        final double[] distance;

        /** Per index, the next-hop links in ascending order. */
        final List<Link>[] hops;

        /** {@link #distance} as a map, built on first use. */
        volatile ImmutableMap<Dpid, Double> distances;

        Indexed(Dpid[] nodes, ToIntFunction<Dpid> indexOf, double[] distance, List<Link>[] hops) {
            this.nodes = nodes;
            this.indexOf = indexOf;
            this.distance = distance;
            this.hops = hops;
        }

        double distanceOf(Dpid dpid) {
            int i = indexOf.applyAsInt(dpid);
            return i < 0 ? Double.POSITIVE_INFINITY : distance[i];
        }

        List<Link> hopsOf(Dpid dpid) {
            int i = indexOf.applyAsInt(dpid);
            return i < 0 ? ImmutableList.of() : hops[i];
        }

        ImmutableMap<Dpid, Double> distances() {
            ImmutableMap<Dpid, Double> d = distances;
            if (d == null) {
                ImmutableMap.Builder<Dpid, Double> b = ImmutableMap.builder();
                for (int i = 0; i < nodes.length; i++) {
                    if (distance[i] != Double.POSITIVE_INFINITY) {
                        b.put(nodes[i], distance[i]);
                    }
                }
                d = b.buildOrThrow();
                distances = d;
            }
            return d;
        }
    }

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
        this(
                destination,
                checkNotNull(distances, "distances"),
                null,
                checkNotNull(links, "links"),
                null);
        this.links = links;
    }

    private NextHops(
            Dpid destination,
            ImmutableMap<Dpid, Double> distances,
            Indexed indexed,
            ImmutableListMultimap<Dpid, Link> base,
            Map<Dpid, ImmutableList<Link>> replaced) {
        this.destination = checkNotNull(destination, "destination");
        this.distances = distances;
        this.indexed = indexed;
        this.base = base;
        this.replaced = replaced;
    }

    /**
     * Next hops held by switch index, as a planning graph computes them; the arrays are the
     * caller's no more (not copied).
     *
     * @param nodes the switches, in ascending order (a switch's index is its position)
     * @param indexOf a switch's index in {@code nodes}, negative when it is not there
     * @param distance per index, the cost of a shortest path to {@code destination}; infinite when
     *     the switch cannot reach it
     * @param hops per index, the next-hop links in ascending order, immutable (empty for the
     *     destination and for switches that cannot reach it)
     */
    public static NextHops indexed(
            Dpid destination,
            Dpid[] nodes,
            ToIntFunction<Dpid> indexOf,
            double[] distance,
            List<Link>[] hops) {
        checkArgument(
                distance.length == nodes.length && hops.length == nodes.length,
                "one distance and one list of next hops per switch");
        return new NextHops(
                destination,
                null,
                new Indexed(nodes, checkNotNull(indexOf), distance, hops),
                null,
                null);
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
        return new NextHops(destination, distances, indexed, base, all);
    }

    public Dpid destination() {
        return destination;
    }

    /** The cost of a shortest path from every switch that can reach the destination. */
    public ImmutableMap<Dpid, Double> distances() {
        return indexed != null ? indexed.distances() : distances;
    }

    /** The next-hop links of every switch, in ascending order per switch. */
    public ImmutableListMultimap<Dpid, Link> links() {
        ImmutableListMultimap<Dpid, Link> l = links;
        if (l == null) {
            ImmutableListMultimap.Builder<Dpid, Link> b = ImmutableListMultimap.builder();
            if (indexed != null) {
                for (int i = 0; i < indexed.nodes.length; i++) {
                    Dpid s = indexed.nodes[i];
                    ImmutableList<Link> r = replaced == null ? null : replaced.get(s);
                    b.putAll(s, r != null ? r : indexed.hops[i]);
                }
            } else {
                base.asMap()
                        .forEach(
                                (s, hops) -> {
                                    ImmutableList<Link> r = replaced.get(s);
                                    b.putAll(s, r != null ? r : hops);
                                });
            }
            if (replaced != null) {
                replaced.forEach(
                        (s, r) -> {
                            if (!inBase(s)) {
                                b.putAll(s, r);
                            }
                        });
            }
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
        return linksOfBase(dpid);
    }

    /** Whether the base (not the replacements) has a place for the switch's next hops. */
    private boolean inBase(Dpid dpid) {
        return indexed != null ? indexed.indexOf.applyAsInt(dpid) >= 0 : base.containsKey(dpid);
    }

    private List<Link> linksOfBase(Dpid dpid) {
        return indexed != null ? indexed.hopsOf(dpid) : base.get(dpid);
    }

    /** Cost of a shortest path from {@code dpid}; empty when it cannot reach the destination. */
    public OptionalDouble distance(Dpid dpid) {
        double d = distanceOr(dpid, Double.POSITIVE_INFINITY);
        return d == Double.POSITIVE_INFINITY ? OptionalDouble.empty() : OptionalDouble.of(d);
    }

    /** {@link #distance} as a plain number: {@code none} when it cannot reach the destination. */
    public double distanceOr(Dpid dpid, double none) {
        if (indexed != null) {
            double d = indexed.distanceOf(dpid);
            return d == Double.POSITIVE_INFINITY ? none : d;
        }
        Double d = distances.get(dpid);
        return d == null ? none : d;
    }

    public boolean canReach(Dpid dpid) {
        return indexed != null
                ? indexed.distanceOf(dpid) != Double.POSITIVE_INFINITY
                : distances.containsKey(dpid);
    }

    /**
     * The switches whose distance or next hops differ from {@code old}'s, including those that
     * could reach the destination and can no more. Next hops computed over the same planning graph
     * are compared switch by switch in their arrays, without building maps.
     */
    public Set<Dpid> switchesChangedFrom(NextHops old) {
        Set<Dpid> changed = new HashSet<>();
        if (old == this) {
            return changed;
        }
        if (indexed != null && old.indexed != null && indexed.nodes == old.indexed.nodes) {
            for (int i = 0; i < indexed.nodes.length; i++) {
                Dpid s = indexed.nodes[i];
                if (Double.compare(indexed.distance[i], old.indexed.distance[i]) != 0
                        || !linksFrom(s).equals(old.linksFrom(s))) {
                    changed.add(s);
                }
            }
            return changed;
        }
        for (Dpid s : old.distances().keySet()) {
            if (!canReach(s)) {
                changed.add(s);
            }
        }
        distances()
                .forEach(
                        (s, d) -> {
                            if (!d.equals(old.distances().get(s))
                                    || !old.linksFrom(s).equals(linksFrom(s))) {
                                changed.add(s);
                            }
                        });
        return changed;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NextHops other
                && destination.equals(other.destination)
                && distances().equals(other.distances())
                && links().equals(other.links());
    }

    @Override
    public int hashCode() {
        return Objects.hash(destination, distances(), links());
    }

    @Override
    public String toString() {
        return "NextHops[destination="
                + destination
                + ", distances="
                + distances()
                + ", links="
                + links()
                + "]";
    }
}
