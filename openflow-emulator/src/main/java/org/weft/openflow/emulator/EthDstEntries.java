package org.weft.openflow.emulator;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.weft.net.Dpid;
import org.weft.net.MacAddress;
import org.weft.net.PortNumber;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;

/**
 * The entries of a {@link FakeFlowTable} whose match is an exact destination MAC and nothing else
 * (what bulk flow installation writes), kept in primitive arrays: an open-addressing hash table
 * (linear probing) keyed by table, priority and address, with no object per entry when the entry
 * outputs to one port and belongs to the table's switch. Any other entry with such a match keeps
 * its {@link FlowRule} beside its slot. Rules are built on demand when read. Not thread-safe: the
 * table guards it.
 */
final class EthDstEntries {

    /** Set in {@link #meta} for a used slot. */
    private static final long USED = 1L << 63;

    private static final int MIN_CAPACITY = 16;

    /** {@code mac << 16 | priority}. */
    private long[] keys = new long[MIN_CAPACITY];

    /** USED, table (bits 32-39), idle timeout (16-31), hard timeout (0-15). */
    private long[] meta = new long[MIN_CAPACITY];

    private long[] cookies = new long[MIN_CAPACITY];

    /** The output port of a plain entry (unsigned). */
    private int[] ports = new int[MIN_CAPACITY];

    /** The rule of an entry that is not plain; null when no entry needs one. */
    private FlowRule[] others;

    private int size;

    /** How many entries each priority has, highest first: what {@link #best} walks. */
    private final TreeMap<Integer, Integer> priorities = new TreeMap<>(Comparator.reverseOrder());

    /** The switch of the plain entries (the first entry's). */
    private Dpid dpid;

    /** Single-output action lists, shared by the rules built (ports 0..63). */
    @SuppressWarnings("unchecked")
    private final List<FlowAction>[] outputs = new List[64];

    /** Whether the rule's key has this store's shape: an exact eth_dst and no other field. */
    static boolean holds(FlowMatch m) {
        return m.isEthDstOnly();
    }

    /** Adds or replaces the entry of {@code r}, whose match {@link #holds}. */
    void put(FlowRule r) {
        long port = plainPort(r);
        if (port >= 0) {
            put(
                    r.dpid(),
                    r.tableId(),
                    r.priority(),
                    r.match().ethDst().value(),
                    (int) port,
                    r.idleTimeout(),
                    r.hardTimeout(),
                    r.cookie());
            return;
        }
        int slot = slotFor(r.tableId(), r.priority(), r.match().ethDst().value());
        write(slot, r.tableId(), r.priority(), r.match().ethDst().value(), 0, 0, 0, r.cookie());
        if (others == null) {
            others = new FlowRule[keys.length];
        }
        others[slot] = r;
    }

    /**
     * Adds or replaces a plain entry: on {@code dpid}'s table {@code table}, output to {@code
     * port}; without allocating once the arrays are large enough.
     */
    void put(
            Dpid dpid,
            int table,
            int priority,
            long mac,
            int port,
            int idleTimeout,
            int hardTimeout,
            long cookie) {
        if (this.dpid == null) {
            this.dpid = dpid;
        } else if (!this.dpid.equals(dpid)) {
            put(rule(dpid, table, priority, mac, port, idleTimeout, hardTimeout, cookie));
            return;
        }
        int slot = slotFor(table, priority, mac);
        write(slot, table, priority, mac, port, idleTimeout, hardTimeout, cookie);
        if (others != null) {
            others[slot] = null;
        }
    }

    boolean contains(int table, int priority, long mac) {
        return find(table, priority, mac) >= 0;
    }

    /** Removes the entry with this key; whether there was one. */
    boolean remove(int table, int priority, long mac) {
        int slot = find(table, priority, mac);
        if (slot < 0) {
            return false;
        }
        delete(slot);
        return true;
    }

    /**
     * The entry of table {@code table} for destination {@code mac} with the highest priority above
     * {@code above}; null when there is none. A lookup per priority in use (a handful).
     */
    FlowRule best(int table, long mac, int above) {
        for (int priority : priorities.keySet()) {
            if (priority <= above) {
                return null;
            }
            int slot = find(table, priority, mac);
            if (slot >= 0) {
                return rule(slot);
            }
        }
        return null;
    }

    void forEach(Consumer<FlowRule> each) {
        for (int i = 0; i < keys.length; i++) {
            if (meta[i] != 0) {
                each.accept(rule(i));
            }
        }
    }

    /** Removes every entry {@code which} selects; the number removed. */
    int removeIf(Predicate<FlowRule> which) {
        List<FlowRule> gone = new ArrayList<>();
        forEach(
                r -> {
                    if (which.test(r)) {
                        gone.add(r);
                    }
                });
        for (FlowRule r : gone) {
            remove(r.tableId(), r.priority(), r.match().ethDst().value());
        }
        return gone.size();
    }

    /** The output port of an entry kept without its rule, or -1. */
    private long plainPort(FlowRule r) {
        if (r.actions().size() != 1
                || !(r.actions().get(0) instanceof FlowAction.Output o)
                || (dpid != null && !dpid.equals(r.dpid()))) {
            return -1;
        }
        return o.port().value();
    }

    private FlowRule rule(int slot) {
        if (others != null && others[slot] != null) {
            return others[slot];
        }
        long m = meta[slot];
        return rule(
                dpid,
                (int) (m >>> 32) & 0xff,
                (int) (keys[slot] & 0xffff),
                keys[slot] >>> 16,
                ports[slot],
                (int) (m >>> 16) & 0xffff,
                (int) m & 0xffff,
                cookies[slot]);
    }

    private FlowRule rule(
            Dpid dpid,
            int table,
            int priority,
            long mac,
            int port,
            int idleTimeout,
            int hardTimeout,
            long cookie) {
        return new FlowRule(
                dpid,
                table,
                priority,
                FlowMatch.ethDstOnly(MacAddress.of(mac)),
                output(Integer.toUnsignedLong(port)),
                idleTimeout,
                hardTimeout,
                cookie);
    }

    private List<FlowAction> output(long port) {
        if (port >= outputs.length) {
            return ImmutableList.of(FlowAction.output(PortNumber.of(port)));
        }
        List<FlowAction> l = outputs[(int) port];
        if (l == null) {
            l = ImmutableList.of(FlowAction.output(PortNumber.of(port)));
            outputs[(int) port] = l;
        }
        return l;
    }

    private void write(
            int slot,
            int table,
            int priority,
            long mac,
            int port,
            int idleTimeout,
            int hardTimeout,
            long cookie) {
        keys[slot] = mac << 16 | priority;
        meta[slot] = USED | (long) table << 32 | (long) idleTimeout << 16 | hardTimeout;
        ports[slot] = port;
        cookies[slot] = cookie;
    }

    /** The slot of the key: its own, or the free one it takes (growing first if needed). */
    private int slotFor(int table, int priority, long mac) {
        int slot = find(table, priority, mac);
        if (slot >= 0) {
            return slot;
        }
        if ((size + 1) * 4L > keys.length * 3L) {
            grow();
        }
        size++;
        priorities.merge(priority, 1, Integer::sum);
        return ~find(table, priority, mac);
    }

    /** The key's slot, or {@code ~free} for the free slot where it would go. */
    private int find(int table, int priority, long mac) {
        return find(table, mac << 16 | priority);
    }

    private int find(int table, long key) {
        int mask = keys.length - 1;
        for (int i = hash(key, table) & mask; ; i = (i + 1) & mask) {
            long m = meta[i];
            if (m == 0) {
                return ~i;
            }
            if (keys[i] == key && ((int) (m >>> 32) & 0xff) == table) {
                return i;
            }
        }
    }

    private static int hash(long key, int table) {
        long h = (key ^ (long) table << 56) * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** Frees the slot, shifting back the entries after it that probed past it. */
    private void delete(int slot) {
        priorities.computeIfPresent((int) (keys[slot] & 0xffff), (p, n) -> n == 1 ? null : n - 1);
        int mask = keys.length - 1;
        int free = slot;
        for (int i = (slot + 1) & mask; meta[i] != 0; i = (i + 1) & mask) {
            int home = hash(keys[i], (int) (meta[i] >>> 32) & 0xff) & mask;
            // Move i into the free slot unless its home lies cyclically in (free, i].
            boolean stays = free <= i ? free < home && home <= i : free < home || home <= i;
            if (!stays) {
                move(i, free);
                free = i;
            }
        }
        meta[free] = 0;
        if (others != null) {
            others[free] = null;
        }
        size--;
    }

    private void move(int from, int to) {
        keys[to] = keys[from];
        meta[to] = meta[from];
        ports[to] = ports[from];
        cookies[to] = cookies[from];
        if (others != null) {
            others[to] = others[from];
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldMeta = meta;
        long[] oldCookies = cookies;
        int[] oldPorts = ports;
        FlowRule[] oldOthers = others;
        int capacity = keys.length * 2;
        keys = new long[capacity];
        meta = new long[capacity];
        cookies = new long[capacity];
        ports = new int[capacity];
        others = oldOthers == null ? null : new FlowRule[capacity];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldMeta[i] != 0) {
                int slot = ~find((int) (oldMeta[i] >>> 32) & 0xff, oldKeys[i]);
                keys[slot] = oldKeys[i];
                meta[slot] = oldMeta[i];
                cookies[slot] = oldCookies[i];
                ports[slot] = oldPorts[i];
                if (oldOthers != null) {
                    others[slot] = oldOthers[i];
                }
            }
        }
    }

    /** The number of entries. */
    int size() {
        return size;
    }
}
