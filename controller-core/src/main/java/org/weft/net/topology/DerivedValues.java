package org.weft.net.topology;

import java.util.ArrayList;
import java.util.List;

/**
 * Values a {@link TopologySnapshot} keeps for its readers, such as the graph a path search builds
 * for one weigher: keyed by type and key identity, at most {@link #CAPACITY} of them, the least
 * recently used dropped first. They die with their snapshot. Thread-safe.
 */
final class DerivedValues {

    /** How many values one snapshot keeps: a handful of weighers are in use at a time. */
    static final int CAPACITY = 8;

    private record Entry(Class<?> type, Object key, Object value) {}

    /** Least recently used first. */
    private final List<Entry> entries = new ArrayList<>(CAPACITY + 1);

    /** The value kept for {@code type} and {@code key}, or null. */
    synchronized <T> T get(Class<T> type, Object key) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry e = entries.get(i);
            if (e.type() == type && e.key() == key) {
                if (i != entries.size() - 1) {
                    entries.remove(i);
                    entries.add(e);
                }
                return type.cast(e.value());
            }
        }
        return null;
    }

    /** Keeps {@code value} unless a value is already kept; returns the one kept. */
    synchronized <T> T putIfAbsent(Class<T> type, Object key, T value) {
        T kept = get(type, key);
        if (kept != null) {
            return kept;
        }
        entries.add(new Entry(type, key, value));
        if (entries.size() > CAPACITY) {
            entries.remove(0);
        }
        return value;
    }
}
