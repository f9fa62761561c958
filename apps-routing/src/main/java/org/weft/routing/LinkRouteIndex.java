package org.weft.routing;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.Group;
import org.weft.net.topology.TopologySnapshot;

/**
 * Which plan keys (destinations) send traffic over which link, so that a lost link re-plans exactly
 * the destinations that used it instead of re-planning everything. A key uses a link when one of
 * its rules or group buckets outputs to the link's source port (backup buckets included).
 *
 * <p>Kept per key only, as the ports its entries output to at each switch: with multipath a
 * destination uses nearly every link of the fabric, so a reverse map from link to keys would hold
 * keys x links entries (8.6 million on the 980-switch fat tree with 392 hosts) and updating it was
 * most of the routing thread's work; asking which keys use some links costs one lookup per key and
 * lost link instead. Ports, not links: recording a plan reads its output actions and nothing else
 * (resolving each port to its links was as dear as planning the destination's 980 switches). A port
 * counts whether or not a link left it when the plan was made, so a key may be found for a link
 * that appeared after its plan: at worst one more destination re-planned, never one less.
 */
final class LinkRouteIndex {

    private static final long[] NONE = new long[0];

    /**
     * Per key, the ports (sorted values) its entries output to, by switch. Written by the routing
     * thread.
     */
    private final Map<PlanKey, Map<Dpid, long[]>> portsByKey = new ConcurrentHashMap<>();

    /** Where {@link #portsAt} collects a switch's ports (routing thread only). */
    private final Ports scratch = new Ports();

    /** Where {@link #groupPorts} collects a group's ports (routing thread only). */
    private final Ports groupScratch = new Ports();

    /**
     * The ports each group's buckets output to, by group instance (routing thread only): a select
     * group serves every destination that leaves its switch by the same links, and its buckets (one
     * per link) were walked again for each. Emptied with {@link #shared}.
     */
    private final Map<Group, long[]> groupPorts = new IdentityHashMap<>();

    /**
     * One array per distinct set of ports (routing thread only): destinations mostly leave a switch
     * by the same ports, so the index holds each set once instead of once per destination and
     * switch (after the 980-switch fat tree's set-up the heap held 30,626 long arrays in all, where
     * it held 414,797). Emptied when it reaches {@code maxShared} sets; sharing only saves memory.
     */
    private final Map<PortSet, long[]> shared = new HashMap<>();

    static final int MAX_SHARED = 1 << 16;

    private final int maxShared;

    LinkRouteIndex() {
        this(MAX_SHARED);
    }

    /** With room for {@code maxShared} shared port sets before they are emptied (tests). */
    LinkRouteIndex(int maxShared) {
        this.maxShared = maxShared;
    }

    /** Records the links a key's new plan uses, replacing what it used before. */
    void put(PlanKey key, RoutingPlan plan, TopologySnapshot topo) {
        Map<Dpid, long[]> after = new HashMap<>();
        plan.flows()
                .forEachSwitch(
                        (s, rules) -> {
                            long[] ports = portsAt(plan, topo, s);
                            if (ports.length > 0) {
                                after.put(s, ports);
                            }
                        });
        plan.groups()
                .forEachSwitch(
                        (s, groups) -> {
                            if (!after.containsKey(s)) {
                                long[] ports = portsAt(plan, topo, s);
                                if (ports.length > 0) {
                                    after.put(s, ports);
                                }
                            }
                        });
        if (after.isEmpty()) {
            portsByKey.remove(key);
        } else {
            portsByKey.put(key, after);
        }
    }

    /**
     * Records a key's new plan when only the switches in {@code rebuilt} may have changed entries
     * (the others kept theirs, over links that still exist): only those switches are looked at
     * again.
     */
    void update(PlanKey key, RoutingPlan plan, TopologySnapshot topo, Set<Dpid> rebuilt) {
        Map<Dpid, long[]> ports = portsByKey.get(key);
        if (ports == null) {
            put(key, plan, topo);
            return;
        }
        for (Dpid s : rebuilt) {
            long[] used = portsAt(plan, topo, s);
            if (used.length == 0) {
                ports.remove(s);
            } else {
                ports.put(s, used);
            }
        }
        if (ports.isEmpty()) {
            portsByKey.remove(key);
        }
    }

    void remove(PlanKey key) {
        portsByKey.remove(key);
    }

    /** Keys whose routes use any of the links. */
    Set<PlanKey> keysUsing(Collection<Link> links) {
        Set<PlanKey> out = new HashSet<>();
        portsByKey.forEach(
                (key, bySwitch) -> {
                    for (Link l : links) {
                        long[] used = bySwitch.get(l.srcDpid());
                        if (used != null
                                && Arrays.binarySearch(used, l.src().port().value()) >= 0) {
                            out.add(key);
                            return;
                        }
                    }
                });
        return out;
    }

    /**
     * The ports (sorted, distinct) that the plan's entries at switch {@code s} output to: the
     * shared array for that set.
     */
    private long[] portsAt(RoutingPlan plan, TopologySnapshot topo, Dpid s) {
        if (!topo.contains(s)) {
            return NONE;
        }
        Ports ports = scratch;
        ports.clear();
        List<FlowRule> rules = plan.flows().get(s);
        for (int i = 0; i < rules.size(); i++) {
            ports.addOutputs(rules.get(i).actions());
        }
        List<Group> groups = plan.groups().get(s);
        if (ports.isEmpty() && groups.size() == 1) {
            // A rule into one group (a select or fast-failover group): the group's ports.
            return groupPorts(groups.get(0));
        }
        for (int i = 0; i < groups.size(); i++) {
            ports.addAll(groupPorts(groups.get(i)));
        }
        return intern(ports.sortedDistinct());
    }

    /**
     * The ports (sorted, distinct) the group's buckets output to: the shared array for that set.
     */
    private long[] groupPorts(Group g) {
        long[] known = groupPorts.get(g);
        if (known != null) {
            return known;
        }
        Ports ports = groupScratch;
        ports.clear();
        List<Group.Bucket> buckets = g.buckets();
        for (int j = 0; j < buckets.size(); j++) {
            ports.addOutputs(buckets.get(j).actions());
        }
        long[] set = intern(ports.sortedDistinct());
        if (groupPorts.size() >= maxShared) {
            groupPorts.clear();
        }
        groupPorts.put(g, set);
        return set;
    }

    private long[] intern(long[] set) {
        if (set.length == 0) {
            return NONE;
        }
        if (shared.size() >= maxShared) {
            shared.clear();
        }
        return shared.computeIfAbsent(new PortSet(set), k -> k.ports);
    }

    /** A set of ports as a hash key (by content). */
    private static final class PortSet {
        final long[] ports;
        final int hash;

        PortSet(long[] ports) {
            this.ports = ports;
            this.hash = Arrays.hashCode(ports);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PortSet p && hash == p.hash && Arrays.equals(ports, p.ports);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** Output ports collected without boxing, in one reused array. */
    private static final class Ports {
        private long[] values = new long[32];
        private int n;

        void clear() {
            n = 0;
        }

        boolean isEmpty() {
            return n == 0;
        }

        void addAll(long[] ports) {
            for (long p : ports) {
                add(p);
            }
        }

        private void add(long port) {
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n++] = port;
        }

        void addOutputs(List<FlowAction> actions) {
            for (int i = 0; i < actions.size(); i++) {
                if (actions.get(i) instanceof FlowAction.Output o) {
                    add(o.port().value());
                }
            }
        }

        /** The ports collected, sorted and without repeats, in a new array. */
        long[] sortedDistinct() {
            if (n == 0) {
                return NONE;
            }
            Arrays.sort(values, 0, n);
            int distinct = 1;
            for (int i = 1; i < n; i++) {
                if (values[i] != values[distinct - 1]) {
                    values[distinct++] = values[i];
                }
            }
            return Arrays.copyOf(values, distinct);
        }
    }
}
