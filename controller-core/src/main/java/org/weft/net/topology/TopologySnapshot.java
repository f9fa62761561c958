package org.weft.net.topology;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.ImmutableSortedMap;
import com.google.common.collect.ImmutableSortedSet;
import com.google.common.collect.Maps;
import com.google.common.graph.ImmutableNetwork;
import com.google.common.graph.NetworkBuilder;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.Link;

/**
 * An immutable picture of the network at one moment: switches, directed links and their {@link
 * LinkInfo}, connected components and a broadcast spanning tree. A single writer publishes a new
 * snapshot on every change; readers share snapshots freely and never lock.
 *
 * <p>The graph is a Guava {@link ImmutableNetwork} (directed, parallel links allowed, self-loops
 * allowed): nodes are switches, edges are links. Components and the spanning tree are computed
 * once, when the snapshot is built.
 */
public final class TopologySnapshot {

    private static final TopologySnapshot EMPTY =
            new TopologySnapshot(0, Instant.EPOCH, ImmutableSet.of(), ImmutableMap.of());

    private final long version;
    private final Instant createdAt;
    private final ImmutableNetwork<Dpid, Link> network;
    private final ImmutableSortedSet<Dpid> switches;
    private final ImmutableSortedMap<Link, LinkInfo> links;
    private final ImmutableMap<Link, LinkInfo> byLink;
    private final ImmutableList<ConnectedComponent> components;
    private final ImmutableMap<Dpid, ConnectedComponent> componentBySwitch;
    private final ImmutableSortedSet<Link> treeLinks;

    private final ImmutableSet<ConnectPoint> infrastructurePorts;
    private final DerivedValues derivedValues = new DerivedValues();

    private TopologySnapshot(
            long version, Instant createdAt, Set<Dpid> switches, Map<Link, LinkInfo> links) {
        checkArgument(version >= 0, "version must not be negative");
        this.version = version;
        this.createdAt = checkNotNull(createdAt, "createdAt");
        this.switches = ImmutableSortedSet.copyOf(switches);
        this.links = ImmutableSortedMap.copyOf(links);
        this.byLink = ImmutableMap.copyOf(this.links);
        this.network = buildNetwork(this.switches, this.links.keySet());
        this.components = findComponents();
        ImmutableMap.Builder<Dpid, ConnectedComponent> byId = ImmutableMap.builder();
        for (ConnectedComponent c : components) {
            c.switches().forEach(d -> byId.put(d, c));
        }
        this.componentBySwitch = byId.buildOrThrow();
        this.treeLinks = buildSpanningTree();
        ImmutableSet.Builder<ConnectPoint> infra = ImmutableSet.builder();
        this.links.keySet().forEach(l -> infra.add(l.src()).add(l.dst()));
        this.infrastructurePorts = infra.build();
    }

    /** The same switches and links as {@code shape}, with new link attributes. */
    private TopologySnapshot(
            long version,
            Instant createdAt,
            TopologySnapshot shape,
            ImmutableSortedMap<Link, LinkInfo> links) {
        this.version = version;
        this.createdAt = checkNotNull(createdAt, "createdAt");
        this.switches = shape.switches;
        this.links = links;
        this.byLink = ImmutableMap.copyOf(links);
        this.network = shape.network;
        this.components = shape.components;
        this.componentBySwitch = shape.componentBySwitch;
        this.treeLinks = shape.treeLinks;
        this.infrastructurePorts = shape.infrastructurePorts;
    }

    /** Whether a link starts or ends at this port (so no host is there). A set lookup. */
    public boolean isInfrastructure(ConnectPoint port) {
        return infrastructurePorts.contains(port);
    }

    /** The snapshot of a network without switches, version 0. */
    public static TopologySnapshot empty() {
        return EMPTY;
    }

    /**
     * Builds a snapshot.
     *
     * @param version the snapshot's version; the writer makes it grow with every snapshot
     * @param createdAt when the snapshot was taken
     * @param switches all switches
     * @param links every link with what is known about it; both ends must be in {@code switches}
     * @throws IllegalArgumentException when a link names a switch that is not in {@code switches}
     */
    public static TopologySnapshot of(
            long version, Instant createdAt, Set<Dpid> switches, Map<Link, LinkInfo> links) {
        return new TopologySnapshot(version, createdAt, switches, links);
    }

    /** A snapshot that replaces this one: same rules as {@link #of}, version one higher. */
    public TopologySnapshot next(Instant createdAt, Set<Dpid> switches, Map<Link, LinkInfo> links) {
        if (this.switches.equals(switches) && sameLinksAndCapacities(links)) {
            // Only latency or admin weight changed (latency samples, mostly): the graph,
            // components and tree do not depend on them, so they are shared, not rebuilt.
            // The keys are this snapshot's, so they are copied in its order instead of sorted
            // again (22,000 links on a 980-switch fat tree: a sort per latency batch).
            return new TopologySnapshot(
                    version + 1,
                    createdAt,
                    this,
                    ImmutableSortedMap.copyOfSorted(
                            Maps.transformEntries(this.links, (link, old) -> links.get(link))));
        }
        return new TopologySnapshot(version + 1, createdAt, switches, links);
    }

    /**
     * The next snapshot with new attributes for some of this one's links (latency or admin weight,
     * not capacity: the graph, components and tree are shared), version one higher.
     *
     * @throws IllegalArgumentException when a link is not this snapshot's or its capacity differs
     */
    public TopologySnapshot withLinkInfos(Instant createdAt, Map<Link, LinkInfo> changed) {
        changed.forEach(
                (l, info) -> {
                    LinkInfo old = byLink.get(l);
                    checkArgument(old != null, "link %s is not in the snapshot", l);
                    checkArgument(
                            old.capacityMbps() == info.capacityMbps(),
                            "capacity of %s changed: a new shape, not new attributes",
                            l);
                });
        return new TopologySnapshot(
                version + 1,
                createdAt,
                this,
                ImmutableSortedMap.copyOfSorted(
                        Maps.transformEntries(
                                this.links, (link, old) -> changed.getOrDefault(link, old))));
    }

    private boolean sameLinksAndCapacities(Map<Link, LinkInfo> next) {
        if (links.size() != next.size()) {
            return false;
        }
        for (Map.Entry<Link, LinkInfo> e : byLink.entrySet()) {
            LinkInfo n = next.get(e.getKey());
            if (n == null || n.capacityMbps() != e.getValue().capacityMbps()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the other snapshot has the same switches, links and link capacities (only latencies
     * and admin weights may differ): true when one was made from the other by such changes alone.
     */
    public boolean sameShapeAs(TopologySnapshot other) {
        return network == other.network;
    }

    private static ImmutableNetwork<Dpid, Link> buildNetwork(Set<Dpid> switches, Set<Link> links) {
        var builder =
                NetworkBuilder.directed()
                        .allowsParallelEdges(true)
                        .allowsSelfLoops(true)
                        .expectedNodeCount(switches.size())
                        .expectedEdgeCount(links.size())
                        .<Dpid, Link>immutable();
        switches.forEach(builder::addNode);
        for (Link link : links) {
            checkArgument(
                    switches.contains(link.srcDpid()) && switches.contains(link.dstDpid()),
                    "link %s joins a switch that is not in the topology",
                    link);
            builder.addEdge(link.srcDpid(), link.dstDpid(), link);
        }
        return builder.build();
    }

    /**
     * A value computed from this snapshot and {@code key} alone (path searches keep the weighted
     * graph of each weigher here), computed on first use and then kept with the snapshot: a
     * snapshot never changes, so the value never goes stale, and it is dropped with the snapshot.
     * Keys are compared by identity, per type; at most 8 values are kept, the least recently used
     * is dropped first. Two threads asking at once may both compute; one value is kept and returned
     * to both.
     *
     * @param compute a pure function of the snapshot (and the key it was given for)
     */
    public <T> T derived(Class<T> type, Object key, Function<TopologySnapshot, T> compute) {
        T kept = derivedValues.get(type, key);
        if (kept != null) {
            return kept;
        }
        return derivedValues.putIfAbsent(
                type, key, checkNotNull(compute.apply(this), "computed value"));
    }

    /** Monotonically increasing version; 0 for the empty snapshot. */
    public long version() {
        return version;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** The underlying graph: nodes are switches, edges are directed links. */
    public ImmutableNetwork<Dpid, Link> network() {
        return network;
    }

    /** All switches in ascending order. */
    public ImmutableSortedSet<Dpid> switches() {
        return switches;
    }

    /** All links in ascending order. */
    public ImmutableSortedSet<Link> links() {
        return links.keySet();
    }

    /** All links with their attributes, in ascending link order. */
    public ImmutableSortedMap<Link, LinkInfo> linkInfos() {
        return links;
    }

    public boolean contains(Dpid dpid) {
        return switches.contains(dpid);
    }

    public boolean contains(Link link) {
        return byLink.containsKey(link);
    }

    /** What is known about a link; empty when the link is not in this snapshot. A hash lookup. */
    public Optional<LinkInfo> linkInfo(Link link) {
        return Optional.ofNullable(byLink.get(link));
    }

    /** Links leaving a switch; empty for an unknown switch. */
    public Set<Link> linksFrom(Dpid dpid) {
        return contains(dpid) ? network.outEdges(dpid) : ImmutableSet.of();
    }

    /** Links entering a switch; empty for an unknown switch. */
    public Set<Link> linksTo(Dpid dpid) {
        return contains(dpid) ? network.inEdges(dpid) : ImmutableSet.of();
    }

    /** Connected components (link direction ignored), ordered by id. */
    public ImmutableList<ConnectedComponent> components() {
        return components;
    }

    /** The component holding a switch; empty for an unknown switch. */
    public Optional<ConnectedComponent> componentOf(Dpid dpid) {
        return Optional.ofNullable(componentBySwitch.get(dpid));
    }

    /** True when both switches are known and in the same component. */
    public boolean areConnected(Dpid a, Dpid b) {
        ConnectedComponent ca = componentBySwitch.get(a);
        return ca != null && ca.contains(b);
    }

    /**
     * Links of the broadcast spanning tree: one cable per tree edge, both directions when both
     * exist. Each component has its own tree, found by breadth-first search from the component's
     * smallest switch, visiting neighbours in ascending order. Between two neighbours the tree uses
     * the smallest link whose reverse also exists; a one-way link is used only when no two-way
     * cable joins them.
     */
    public ImmutableSortedSet<Link> treeLinks() {
        return treeLinks;
    }

    public boolean isTreeLink(Link link) {
        return treeLinks.contains(link);
    }

    /** Tree links leaving a switch, in ascending order: where a broadcast from it goes. */
    public ImmutableSortedSet<Link> treeLinksFrom(Dpid dpid) {
        return ImmutableSortedSet.copyOf(
                linksFrom(dpid).stream().filter(treeLinks::contains).iterator());
    }

    private ImmutableList<ConnectedComponent> findComponents() {
        ImmutableList.Builder<ConnectedComponent> result = ImmutableList.builder();
        Set<Dpid> seen = new HashSet<>();
        for (Dpid root : switches) {
            if (seen.add(root)) {
                ImmutableSortedSet.Builder<Dpid> members = ImmutableSortedSet.naturalOrder();
                Deque<Dpid> queue = new ArrayDeque<>(List.of(root));
                while (!queue.isEmpty()) {
                    Dpid u = queue.poll();
                    members.add(u);
                    for (Dpid v : network.adjacentNodes(u)) {
                        if (seen.add(v)) {
                            queue.add(v);
                        }
                    }
                }
                result.add(new ConnectedComponent(root, members.build()));
            }
        }
        return result.build();
    }

    private ImmutableSortedSet<Link> buildSpanningTree() {
        ImmutableSortedSet.Builder<Link> tree = ImmutableSortedSet.naturalOrder();
        Set<Dpid> visited = new HashSet<>();
        for (ConnectedComponent component : components) {
            Deque<Dpid> queue = new ArrayDeque<>(List.of(component.id()));
            visited.add(component.id());
            while (!queue.isEmpty()) {
                Dpid u = queue.poll();
                for (Dpid v : ImmutableSortedSet.copyOf(network.adjacentNodes(u))) {
                    if (visited.add(v)) {
                        Link cable = treeCable(u, v);
                        tree.add(cable);
                        if (links.containsKey(cable.reverse())) {
                            tree.add(cable.reverse());
                        }
                        queue.add(v);
                    }
                }
            }
        }
        return tree.build();
    }

    /** The link chosen to join two neighbours in the tree, see {@link #treeLinks()}. */
    private Link treeCable(Dpid u, Dpid v) {
        ImmutableSortedSet<Link> joining =
                ImmutableSortedSet.<Link>naturalOrder()
                        .addAll(network.edgesConnecting(u, v))
                        .addAll(network.edgesConnecting(v, u))
                        .build();
        return joining.stream()
                .filter(l -> links.containsKey(l.reverse()))
                .findFirst()
                .orElse(joining.first());
    }

    @Override
    public String toString() {
        return "TopologySnapshot{version="
                + version
                + ", switches="
                + switches.size()
                + ", links="
                + links.size()
                + ", components="
                + components.size()
                + "}";
    }
}
