package org.weft.openflow.emulator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.weft.net.Dpid;
import org.weft.net.MacAddress;
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

    /**
     * An entry's place in lookup order: higher priority first, then the order entries were first
     * added (OpenFlow leaves the order of overlapping equal-priority entries open).
     */
    private record Rank(int priority, long seq) implements Comparable<Rank> {
        @Override
        public int compareTo(Rank o) {
            int c = Integer.compare(o.priority, priority);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private record Placed(Rank rank, FlowRule rule) {}

    /**
     * Every entry whose match is not an exact eth_dst alone, by key; changed only under its own
     * lock, together with its lookup order ({@link #anyDst}, {@link #byDst}).
     */
    private final Map<Key, Placed> flows = new ConcurrentHashMap<>();

    /**
     * The same entries in lookup order, kept as they change, those without an exact eth_dst here
     * and the others under their eth_dst in {@link #byDst}: a lookup (every frame crossing a link)
     * walks the entries that can match it without sorting the table again after each flow-mod, and
     * without walking every destination's entries (a fabric's routes hold hundreds per switch).
     */
    private final ConcurrentNavigableMap<Rank, FlowRule> anyDst = new ConcurrentSkipListMap<>();

    private final Map<Long, ConcurrentNavigableMap<Rank, FlowRule>> byDst =
            new ConcurrentHashMap<>();

    /** Guarded by {@link #flows}. */
    private long nextSeq;

    /** The entries whose match is an exact eth_dst alone; guarded by itself. */
    private final EthDstEntries ethDst = new EthDstEntries();

    private final Map<Integer, Group> groups = new ConcurrentHashMap<>();

    /** ADD replaces an entry with the same table, priority and match. */
    public void add(FlowRule r) {
        if (EthDstEntries.holds(r.match())) {
            synchronized (ethDst) {
                ethDst.put(r);
            }
        } else {
            synchronized (flows) {
                Key k = key(r);
                Placed old = flows.get(k);
                place(k, old != null ? old.rank() : new Rank(r.priority(), nextSeq++), r);
            }
        }
    }

    /** Puts an entry at its key and rank; under the lock of {@link #flows}. */
    private void place(Key k, Rank rank, FlowRule r) {
        flows.put(k, new Placed(rank, r));
        MacAddress dst = k.match().ethDst();
        if (dst == null) {
            anyDst.put(rank, r);
        } else {
            byDst.computeIfAbsent(dst.value(), d -> new ConcurrentSkipListMap<>()).put(rank, r);
        }
    }

    /** Takes an entry out of lookup order; under the lock of {@link #flows}. */
    private void unrank(Key k, Rank rank) {
        MacAddress dst = k.match().ethDst();
        if (dst == null) {
            anyDst.remove(rank);
            return;
        }
        ConcurrentNavigableMap<Rank, FlowRule> m = byDst.get(dst.value());
        if (m != null) {
            m.remove(rank);
            if (m.isEmpty()) {
                byDst.remove(dst.value());
            }
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
            synchronized (flows) {
                Key k = key(r);
                Placed old = flows.get(k);
                found = old != null;
                if (found) {
                    place(k, old.rank(), r);
                }
            }
        }
        return found;
    }

    /** Non-strict MODIFY: changes every selected entry; the number changed. */
    public int modifyMatching(Predicate<FlowRule> which, UnaryOperator<FlowRule> change) {
        int n = 0;
        synchronized (flows) {
            for (Map.Entry<Key, Placed> e : flows.entrySet()) {
                FlowRule r = e.getValue().rule();
                if (which.test(r)) {
                    // Kept under its old key and rank.
                    place(e.getKey(), e.getValue().rank(), change.apply(r));
                    n++;
                }
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
            synchronized (flows) {
                Key k = key(r);
                Placed old = flows.remove(k);
                found = old != null;
                if (found) {
                    unrank(k, old.rank());
                }
            }
        }
        return found;
    }

    /** Non-strict DELETE: every selected entry; the number removed. */
    public int removeMatching(Predicate<FlowRule> which) {
        int n = 0;
        synchronized (flows) {
            for (var it = flows.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Key, Placed> e = it.next();
                if (which.test(e.getValue().rule())) {
                    it.remove();
                    unrank(e.getKey(), e.getValue().rank());
                    n++;
                }
            }
        }
        synchronized (ethDst) {
            n += ethDst.removeIf(which);
        }
        return n;
    }

    public void putGroup(Group g) {
        groups.put(g.groupId(), g);
    }

    public boolean removeGroup(int groupId) {
        return groups.remove(groupId) != null;
    }

    public List<FlowRule> flows() {
        // In lookup order (equal priorities: first added first), then the eth_dst-alone entries.
        List<Placed> placed = new ArrayList<>(flows.values());
        placed.sort(java.util.Comparator.comparing(Placed::rank));
        List<FlowRule> all = new ArrayList<>(placed.size());
        placed.forEach(p -> all.add(p.rule()));
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
        Map.Entry<Rank, FlowRule> best = first(anyDst, p, table);
        if (p.ethDst() != null) {
            ConcurrentNavigableMap<Rank, FlowRule> m = byDst.get(p.ethDst().value());
            Map.Entry<Rank, FlowRule> e = m == null ? null : first(m, p, table);
            if (e != null && (best == null || e.getKey().compareTo(best.getKey()) < 0)) {
                best = e;
            }
        }
        FlowRule found = best == null ? null : best.getValue();
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

    /** The first entry in lookup order of the table that matches the packet; null if none. */
    private static Map.Entry<Rank, FlowRule> first(
            ConcurrentNavigableMap<Rank, FlowRule> ranked, PacketHeaders p, int table) {
        for (Map.Entry<Rank, FlowRule> e : ranked.entrySet()) {
            FlowRule r = e.getValue();
            if (r.tableId() == table && p.matches(r.match())) {
                return e;
            }
        }
        return null;
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
