package org.weft.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.weft.net.Dpid;

/**
 * One kind of a plan's entries (flow rules or groups), an immutable list per switch. Backed by a
 * {@link SwitchMap}, so a plan patched at a few switches shares every other switch's list with the
 * plan it was patched from instead of copying it.
 *
 * @param <V> the entry type
 */
public final class PlanEntries<V> {

    private static final PlanEntries<?> EMPTY = new PlanEntries<>(SwitchMap.empty(), 0);

    private final SwitchMap<List<V>> bySwitch;
    private final int size;

    private PlanEntries(SwitchMap<List<V>> bySwitch, int size) {
        this.bySwitch = bySwitch;
        this.size = size;
    }

    @SuppressWarnings("unchecked")
    public static <V> PlanEntries<V> empty() {
        return (PlanEntries<V>) EMPTY;
    }

    /** The switch's entries, in order; empty when it has none. */
    public List<V> get(Dpid s) {
        List<V> l = bySwitch.get(s);
        return l == null ? List.of() : l;
    }

    /** The switches with at least one entry. */
    public Set<Dpid> keySet() {
        return bySwitch.keySet();
    }

    /** Every entry, switch by switch. */
    public List<V> values() {
        List<V> out = new ArrayList<>(size);
        bySwitch.forEach((s, l) -> out.addAll(l));
        return out;
    }

    /** Each entry with its switch. */
    public void forEach(BiConsumer<? super Dpid, ? super V> action) {
        bySwitch.forEach((s, l) -> l.forEach(v -> action.accept(s, v)));
    }

    /** Each switch's entries. */
    public void forEachSwitch(BiConsumer<? super Dpid, ? super List<V>> action) {
        bySwitch.forEach(action);
    }

    /** A copy as a map from switch to its entries. */
    public Map<Dpid, List<V>> asMap() {
        return bySwitch.toMap();
    }

    /** The number of entries (over all switches). */
    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public static <V> Builder<V> builder() {
        return new Builder<>(SwitchMap.<List<V>>builder(), 0);
    }

    /** A builder starting from these entries; the switches it does not touch stay shared. */
    Builder<V> toBuilder() {
        return new Builder<>(bySwitch.toBuilder(), size);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PlanEntries<?> other
                && other.size == size
                && other.bySwitch.equals(bySwitch);
    }

    @Override
    public int hashCode() {
        return bySwitch.hashCode();
    }

    @Override
    public String toString() {
        return bySwitch.toString();
    }

    /** Builds entries: {@link #put} appends to a switch's list, {@link #set} replaces it. */
    public static final class Builder<V> {

        private final SwitchMap.Builder<List<V>> base;
        private int size;

        /** Lists being appended to, not yet in {@link #base}. */
        private final Map<Dpid, List<V>> open = new HashMap<>();

        private Builder(SwitchMap.Builder<List<V>> base, int size) {
            this.base = base;
            this.size = size;
        }

        /** Appends an entry to the switch's list. */
        public Builder<V> put(Dpid s, V entry) {
            List<V> l = open.get(s);
            if (l == null) {
                List<V> had = base.get(s);
                l = had == null ? new ArrayList<>(2) : new ArrayList<>(had);
                open.put(s, l);
            }
            l.add(entry);
            size++;
            return this;
        }

        /** Replaces the switch's entries (none: it has none). */
        public Builder<V> set(Dpid s, List<V> entries) {
            List<V> was = open.remove(s);
            if (was == null) {
                was = base.get(s);
            }
            size += entries.size() - (was == null ? 0 : was.size());
            base.put(s, entries.isEmpty() ? null : List.copyOf(entries));
            return this;
        }

        public PlanEntries<V> build() {
            open.forEach((s, l) -> base.put(s, List.copyOf(l)));
            open.clear();
            SwitchMap<List<V>> m = base.build();
            return m.isEmpty() ? empty() : new PlanEntries<>(m, size);
        }
    }
}
