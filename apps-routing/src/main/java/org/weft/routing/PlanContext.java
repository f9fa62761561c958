package org.weft.routing;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Supplier;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.flow.Group;
import org.weft.net.routing.plan.BackupChooser;
import org.weft.net.routing.plan.PlanView;
import org.weft.net.topology.LinkWeigher;
import org.weft.net.topology.NextHops;
import org.weft.net.topology.TopologySnapshot;
import org.weft.net.topology.graph.PlanningGraph;

/**
 * What planning needs for one topology snapshot: the snapshot, the metric's weigher, the switches'
 * capabilities, the failover app's backup chooser for local protection (none: no fast-failover
 * groups), and a cache of next hops per destination switch so that planning many hosts costs one
 * reverse Dijkstra per switch, not per host. It is also the narrow {@link PlanView} the chooser
 * sees. Not thread-safe: one context per planning pass on one thread.
 */
public final class PlanContext implements PlanView {

    private final TopologySnapshot topo;
    private final LinkWeigher weigher;
    private final Map<Dpid, SwitchInfo> switches;
    private final BackupChooser protection;
    private final Map<Dpid, NextHops> nextHops = new HashMap<>();
    private final Map<Dpid, Map<Dpid, Double>> fromNeighbours = new HashMap<>();
    private final Map<Dpid, List<Link>> sortedLinksFrom = new HashMap<>();
    private final Map<Dpid, double[]> distancesBack = new HashMap<>();
    private final Map<PlanContext, ContextDelta> deltas = new IdentityHashMap<>();

    /** Next hops derived from older ones by {@link NextHopsPruning}: what they were pruned from. */
    private final Map<NextHops, NextHopsPruning.Pruned> pruned = new IdentityHashMap<>();

    /** Select groups' buckets by next hops and layout, shared by every destination. */
    private final Map<SelectKey, List<Group.Bucket>> selectBuckets = new HashMap<>();

    /**
     * Next hops and layout, hashed once from the links' far switches and near ports (read for every
     * destination at every switch with a select group: a list's own hash walks every link's
     * records).
     */
    private record SelectKey(List<Link> next, long layout, int hash) {
        SelectKey(List<Link> next, long layout) {
            this(next, layout, hashOf(next, layout));
        }

        private static int hashOf(List<Link> next, long layout) {
            int h = Long.hashCode(layout);
            for (int i = 0; i < next.size(); i++) {
                Link l = next.get(i);
                h = 31 * h + Long.hashCode(l.src().dpid().value());
                h = 31 * h + Long.hashCode(l.src().port().value());
                h = 31 * h + Long.hashCode(l.dst().dpid().value());
            }
            return h;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SelectKey k
                    && hash == k.hash
                    && layout == k.layout
                    && next.equals(k.next);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** Where groups get their ids: one group per switch and content, for every context. */
    private final SharedGroups sharedGroups;

    /** Groups over equally wide next hops and fast-failover groups, by what they are made of. */
    private final Map<Object, Group> groups = new HashMap<>();

    private record FailoverKey(Link primary, Link backup) {}

    /**
     * Per switch, the select group it got last, with the next-hop list (that instance) and layout
     * it was for: next hops share one list per switch across destinations while they are the same
     * ({@code EqualCostPaths}), so most destinations find their group here by identity instead of
     * hashing every link of the list.
     */
    private record LastSelect(List<Link> next, long layout, Group group) {}

    private final Map<Dpid, LastSelect> lastSelect = new HashMap<>();

    /**
     * The previous context's buckets (they depend on the next hops' ports and the layout only), so
     * that a destination's groups after a change share their bucket lists with its groups before
     * it: comparing the rebuilt parts with the previous ones then finds equal lists by identity.
     * Only one context back: a chain would keep every context's buckets.
     */
    private Map<SelectKey, List<Group.Bucket>> olderBuckets = Map.of();

    private PlanningGraph graph;
    private Set<Dpid> searchedNeighbourDistances;
    private Boolean uniformCapacity;

    /**
     * @param protection chooses fast-failover backups (the failover app's); null for none
     */
    public PlanContext(
            TopologySnapshot topo,
            LinkWeigher weigher,
            Map<Dpid, SwitchInfo> switches,
            BackupChooser protection) {
        this(topo, weigher, switches, protection, new SharedGroups());
    }

    /**
     * @param sharedGroups gives the groups their ids (the same registry for every context of a
     *     routing app, so a destination's group keeps its id from one context to the next)
     */
    PlanContext(
            TopologySnapshot topo,
            LinkWeigher weigher,
            Map<Dpid, SwitchInfo> switches,
            BackupChooser protection,
            SharedGroups sharedGroups) {
        this.sharedGroups = sharedGroups;
        this.topo = topo;
        this.weigher = weigher;
        this.switches = switches;
        this.protection = protection;
    }

    public TopologySnapshot topology() {
        return topo;
    }

    public Map<Dpid, SwitchInfo> switches() {
        return switches;
    }

    /** Whether plans get fast-failover groups (a backup chooser was given). */
    public boolean protect() {
        return protection != null;
    }

    /** The backup chooser; null when {@link #protect()} is false. */
    public BackupChooser protection() {
        return protection;
    }

    @Override
    public Set<Link> linksFrom(Dpid s) {
        return topo.linksFrom(s);
    }

    @Override
    public List<Link> sortedLinksFrom(Dpid s) {
        List<Link> sorted = sortedLinksFrom.get(s);
        if (sorted == null) {
            sorted = PlanView.super.sortedLinksFrom(s);
            sortedLinksFrom.put(s, sorted);
        }
        return sorted;
    }

    @Override
    public double[] distancesBackAlongSortedLinks(Dpid s) {
        double[] back = distancesBack.get(s);
        if (back == null) {
            back = PlanView.super.distancesBackAlongSortedLinks(s);
            distancesBack.put(s, back);
        }
        return back;
    }

    public LinkWeigher weigher() {
        return weigher;
    }

    /** Equal-cost next hops (and distances) of every switch toward {@code dst}. */
    public NextHops nextHops(Dpid dst) {
        return nextHops.computeIfAbsent(dst, graph()::nextHops);
    }

    /**
     * As {@link #nextHops(Dpid)}, derived from {@code previous} (next hops toward the same switch
     * in {@code older}) without a search when this context differs from it by lost links alone and
     * none of them was a switch's only next hop ({@link NextHopsPruning}).
     */
    NextHops nextHops(Dpid dst, NextHops previous, PlanContext older) {
        NextHops known = nextHops.get(dst);
        if (known != null) {
            return known;
        }
        if (previous != null
                && older != null
                && older != this
                && previous.destination().equals(dst)) {
            Set<Link> lost = since(older).lostLinks();
            NextHopsPruning.Pruned p =
                    lost == null ? null : NextHopsPruning.without(previous, lost);
            if (p != null) {
                nextHops.put(dst, p.hops());
                if (p.hops() != previous) {
                    pruned.put(p.hops(), new NextHopsPruning.Pruned(previous, p.changed()));
                }
                return p.hops();
            }
        }
        return nextHops(dst);
    }

    /**
     * The switches whose next hops differ between {@code before} and {@code now}, when {@code now}
     * was derived from exactly {@code before} by pruning; null when unknown (compare them).
     */
    Set<Dpid> prunedAt(NextHops before, NextHops now) {
        NextHopsPruning.Pruned p = pruned.get(now);
        return p != null && p.hops() == before ? p.changed() : null;
    }

    @Override
    public OptionalDouble distanceFromNeighbour(Dpid neighbour, Dpid s) {
        Double d = distancesFromNeighbours(s).get(neighbour);
        return d == null ? OptionalDouble.empty() : OptionalDouble.of(d);
    }

    @Override
    public double distanceFromNeighbourOrNaN(Dpid neighbour, Dpid s) {
        Double d = distancesFromNeighbours(s).get(neighbour);
        return d == null ? Double.NaN : d;
    }

    /** The least cost from every switch {@code s} links to back to {@code s}. */
    Map<Dpid, Double> distancesFromNeighbours(Dpid s) {
        // Not computeIfAbsent with graph()::distancesFromNeighbours: asked once per candidate of
        // every protected switch of every destination, the bound method reference was allocated
        // every time.
        Map<Dpid, Double> d = fromNeighbours.get(s);
        if (d == null) {
            d = graph().distancesFromNeighbours(s);
            fromNeighbours.put(s, d);
        }
        return d;
    }

    /**
     * The switches whose {@link #distancesFromNeighbours} takes a search rather than being read off
     * their links back (none under hop count on a fabric of two-way links); computed once.
     */
    Set<Dpid> searchedNeighbourDistances() {
        if (searchedNeighbourDistances == null) {
            searchedNeighbourDistances = graph().searchedNeighbourDistances();
        }
        return searchedNeighbourDistances;
    }

    /**
     * What changed from {@code before} to this context, computed once for all destinations planned
     * with {@code before}. Kept until {@link #forgetDeltas()}.
     */
    ContextDelta since(PlanContext before) {
        return deltas.computeIfAbsent(before, b -> new ContextDelta(b, this));
    }

    /** Drops the deltas (and with them the older contexts they hold). */
    void forgetDeltas() {
        deltas.clear();
    }

    /**
     * Whether every link has the same residual capacity (unknown counting as 1 Mbit/s), as in most
     * fabrics while no load is measured.
     */
    public boolean uniformCapacity() {
        if (uniformCapacity == null) {
            long first = -1;
            boolean same = true;
            for (var info : topo.linkInfos().values()) {
                long c = DestinationPlanner.capacity(info);
                if (first < 0) {
                    first = c;
                } else if (c != first) {
                    same = false;
                    break;
                }
            }
            uniformCapacity = same;
        }
        return uniformCapacity;
    }

    /**
     * The buckets of a select group over equally wide next hops with this layout: the same for
     * every destination whose next hops at a switch are these (on a fat tree, one list per switch
     * for all remote destinations), so they are built once per context.
     */
    List<Group.Bucket> selectBuckets(
            List<Link> next, long layout, Supplier<List<Group.Bucket>> build) {
        SelectKey key = new SelectKey(next, layout);
        List<Group.Bucket> b = selectBuckets.get(key);
        if (b == null) {
            b = olderBuckets.get(key);
            if (b == null) {
                b = build.get();
            }
            selectBuckets.put(new SelectKey(List.copyOf(next), layout, key.hash()), b);
        }
        return b;
    }

    /**
     * The switch's select group over equally wide next hops with this layout (built once per
     * context, see {@link #selectBuckets}).
     */
    Group selectGroup(Dpid s, List<Link> next, long layout, Supplier<List<Group.Bucket>> build) {
        LastSelect last = lastSelect.get(s);
        if (last != null && last.next() == next && last.layout() == layout) {
            return last.group();
        }
        SelectKey key = new SelectKey(next, layout);
        Group g = groups.get(key);
        if (g == null) {
            g = group(s, Group.Type.SELECT, selectBuckets(next, layout, build));
            groups.put(new SelectKey(List.copyOf(next), layout, key.hash()), g);
        }
        lastSelect.put(s, new LastSelect(next, layout, g));
        return g;
    }

    /** The switch's fast-failover group from {@code primary} to {@code backup}. */
    Group failoverGroup(Dpid s, Link primary, Link backup, Supplier<List<Group.Bucket>> build) {
        return groups.computeIfAbsent(
                new FailoverKey(primary, backup),
                k -> group(s, Group.Type.FAST_FAILOVER, build.get()));
    }

    /** The switch's group with these buckets (its id from {@link SharedGroups}). */
    Group group(Dpid s, Group.Type type, List<Group.Bucket> buckets) {
        return sharedGroups.group(s, type, buckets);
    }

    /**
     * Reuses {@code older}'s select buckets where they are the same (see {@link #olderBuckets}).
     */
    void shareBucketsWith(PlanContext older) {
        olderBuckets = older.selectBuckets;
    }

    private PlanningGraph graph() {
        if (graph == null) {
            graph = PlanningGraph.of(topo, weigher);
        }
        return graph;
    }
}
