package org.weft.openflow.emulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.weft.net.Dpid;
import org.weft.net.PortNumber;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.Group;

/**
 * A switch's flow and group tables as the emulator keeps them (Faucet's fakeoftable idea): applies
 * flow-mods and group-mods with OpenFlow's strict semantics and answers where a packet would go.
 * Thread-safe; one table per emulated switch.
 */
public final class FakeFlowTable {

    private record Key(int table, int priority, FlowMatch match) {}

    /** Every entry whose match is not an exact eth_dst alone. */
    private final Map<Key, FlowRule> flows = new ConcurrentHashMap<>();

    /** The entries whose match is an exact eth_dst alone; guarded by itself. */
    private final EthDstEntries ethDst = new EthDstEntries();

    private final Map<Integer, Group> groups = new ConcurrentHashMap<>();

    /**
     * The entries other than exact eth_dst ones by descending priority, for the version of them it
     * was built from.
     */
    private record Sorted(long version, List<FlowRule> rules) {}

    /** Bumped on every change of {@link #flows}, the entries {@link Sorted} holds. */
    private final AtomicLong version = new AtomicLong();

    private volatile Sorted byPriority = new Sorted(-1, List.of());

    /** ADD replaces an entry with the same table, priority and match. */
    public void add(FlowRule r) {
        if (EthDstEntries.holds(r.match())) {
            synchronized (ethDst) {
                ethDst.put(r);
            }
        } else {
            flows.put(key(r), r);
            version.incrementAndGet();
        }
    }

    /**
     * ADD of an entry matching {@code mac} as eth_dst alone and outputting to {@code port}, as
     * {@link #add} would take it, without building its rule (the lean flow-mod read).
     */
    void addEthDst(
            Dpid dpid,
            int table,
            int priority,
            long mac,
            int port,
            int idleTimeout,
            int hardTimeout,
            long cookie) {
        synchronized (ethDst) {
            ethDst.put(dpid, table, priority, mac, port, idleTimeout, hardTimeout, cookie);
        }
    }

    /** MODIFY_STRICT changes the actions of the identical entry; false if there is none. */
    public boolean modify(FlowRule r) {
        boolean found;
        if (EthDstEntries.holds(r.match())) {
            synchronized (ethDst) {
                found = ethDst.contains(r.tableId(), r.priority(), r.match().ethDst().value());
                if (found) {
                    ethDst.put(r);
                }
            }
        } else {
            found = flows.computeIfPresent(key(r), (k, old) -> r) != null;
            version.incrementAndGet();
        }
        return found;
    }

    /** Non-strict MODIFY: changes every selected entry; the number changed. */
    public int modifyMatching(Predicate<FlowRule> which, UnaryOperator<FlowRule> change) {
        int n = 0;
        for (Map.Entry<Key, FlowRule> e : flows.entrySet()) {
            if (which.test(e.getValue())) {
                e.setValue(change.apply(e.getValue()));
                n++;
            }
        }
        synchronized (ethDst) {
            List<FlowRule> selected = new ArrayList<>();
            ethDst.forEach(
                    r -> {
                        if (which.test(r)) {
                            selected.add(r);
                        }
                    });
            for (FlowRule r : selected) {
                FlowRule changed = change.apply(r);
                if (!key(changed).equals(key(r))) {
                    // Kept under its old key, as the other entries are.
                    changed = withKey(changed, r);
                }
                ethDst.put(changed);
            }
            n += selected.size();
        }
        version.incrementAndGet();
        return n;
    }

    /** DELETE_STRICT removes the identical entry. */
    public boolean removeStrict(FlowRule r) {
        boolean found;
        if (EthDstEntries.holds(r.match())) {
            synchronized (ethDst) {
                found = ethDst.remove(r.tableId(), r.priority(), r.match().ethDst().value());
            }
        } else {
            found = flows.remove(key(r)) != null;
            version.incrementAndGet();
        }
        return found;
    }

    /** Non-strict DELETE: every selected entry; the number removed. */
    public int removeMatching(Predicate<FlowRule> which) {
        int before = flows.size();
        flows.values().removeIf(which);
        int n = before - flows.size();
        synchronized (ethDst) {
            n += ethDst.removeIf(which);
        }
        version.incrementAndGet();
        return n;
    }

    public void putGroup(Group g) {
        groups.put(g.groupId(), g);
    }

    public boolean removeGroup(int groupId) {
        return groups.remove(groupId) != null;
    }

    public List<FlowRule> flows() {
        List<FlowRule> all = new ArrayList<>(flows.values());
        synchronized (ethDst) {
            ethDst.forEach(all::add);
        }
        return List.copyOf(all);
    }

    /** The number of flow entries, without copying them. */
    public int flowCount() {
        synchronized (ethDst) {
            return flows.size() + ethDst.size();
        }
    }

    /** The number of groups, without copying them. */
    public int groupCount() {
        return groups.size();
    }

    public Optional<Group> group(int id) {
        return Optional.ofNullable(groups.get(id));
    }

    public List<Group> groups() {
        return List.copyOf(groups.values());
    }

    /**
     * The highest-priority entry of table 0 matching the packet; when it continues (goto_table),
     * the next table's entry, with the first one's actions before its own.
     */
    public Optional<FlowRule> lookup(PacketHeaders p) {
        Optional<FlowRule> first = lookup(p, 0);
        if (first.isEmpty() || !first.get().actions().contains(new FlowAction.Continue())) {
            return first;
        }
        List<FlowAction> before =
                first.get().actions().stream()
                        .filter(a -> !(a instanceof FlowAction.Continue))
                        .filter(a -> !(a instanceof FlowAction.Meter))
                        .toList();
        return lookup(p, first.get().tableId() + 1)
                .map(
                        r -> {
                            List<FlowAction> all = new ArrayList<>(before);
                            all.addAll(r.actions());
                            return new FlowRule(
                                    r.dpid(),
                                    r.tableId(),
                                    r.priority(),
                                    r.match(),
                                    all,
                                    r.idleTimeout(),
                                    r.hardTimeout(),
                                    r.cookie());
                        });
    }

    private Optional<FlowRule> lookup(PacketHeaders p, int table) {
        long v = version.get();
        Sorted sorted = byPriority;
        if (sorted.version() != v) {
            // Built after reading v: a change made meanwhile bumps the version, so the next
            // lookup rebuilds; a stale list is never used for a newer version.
            sorted =
                    new Sorted(
                            v,
                            flows.values().stream()
                                    .sorted(Comparator.comparingInt(FlowRule::priority).reversed())
                                    .toList());
            byPriority = sorted;
        }
        FlowRule found = null;
        for (FlowRule r : sorted.rules()) {
            if (r.tableId() == table && p.matches(r.match())) {
                found = r;
                break;
            }
        }
        if (p.ethDst() != null) {
            // An exact eth_dst entry wins only above the other entries' best (ties go to them).
            FlowRule byDst;
            synchronized (ethDst) {
                byDst =
                        ethDst.best(
                                table,
                                p.ethDst().value(),
                                found == null ? Integer.MIN_VALUE : found.priority());
            }
            if (byDst != null) {
                found = byDst;
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * Ports the packet would leave by: outputs of the matching entry, through groups (ALL and
     * SELECT: every bucket it may take; FAST_FAILOVER: the first bucket whose watched port is
     * live). Empty means dropped; {@link PortNumber#CONTROLLER} means sent to the controller.
     */
    public Set<PortNumber> outputs(PacketHeaders p, Predicate<PortNumber> portLive) {
        Set<PortNumber> out = new LinkedHashSet<>();
        lookup(p).ifPresent(r -> collect(r.actions(), portLive, out, 0));
        return out;
    }

    private void collect(
            List<FlowAction> actions, Predicate<PortNumber> live, Set<PortNumber> out, int depth) {
        if (depth > 8) {
            return;
        }
        for (FlowAction a : actions) {
            if (a instanceof FlowAction.Output o) {
                out.add(o.port());
            } else if (a instanceof FlowAction.ToGroup tg) {
                Group g = groups.get(tg.groupId());
                if (g != null) {
                    for (Group.Bucket b : buckets(g, live)) {
                        collect(b.actions(), live, out, depth + 1);
                    }
                }
            }
        }
    }

    private static List<Group.Bucket> buckets(Group g, Predicate<PortNumber> live) {
        if (g.type() != Group.Type.FAST_FAILOVER) {
            return g.buckets();
        }
        List<Group.Bucket> first = new ArrayList<>(1);
        for (Group.Bucket b : g.buckets()) {
            if (live.test(b.watchPort())) {
                first.add(b);
                break;
            }
        }
        return first;
    }

    private static Key key(FlowRule r) {
        return new Key(r.tableId(), r.priority(), r.match());
    }

    private static FlowRule withKey(FlowRule r, FlowRule keyOf) {
        return new FlowRule(
                keyOf.dpid(),
                keyOf.tableId(),
                keyOf.priority(),
                keyOf.match(),
                r.actions(),
                r.idleTimeout(),
                r.hardTimeout(),
                r.cookie());
    }
}
