package org.weft.routing;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.weft.net.Dpid;

/**
 * An immutable map from switch to value that is cheap to change a few switches of: the switches are
 * spread over a fixed number of small buckets, and {@link #toBuilder()} copies only the bucket
 * array and the buckets it changes, never the other entries. A destination's plan after a cut
 * differs from its previous plan at a handful of its 980 switches; copying the whole plan per
 * destination was a third of the routing thread's reaction to a cut (BENCHMARKS.md, 980-switch fat
 * tree).
 *
 * @param <V> the value per switch (never null)
 */
final class SwitchMap<V> {

    /** A power of two: ~4 switches a bucket on the 980-switch fat tree. */
    private static final int BUCKETS = 256;

    private static final SwitchMap<?> EMPTY = new SwitchMap<>(null, 0);

    /** One bucket: its switches and their values at the same positions; never changed. */
    private record Bucket(Dpid[] keys, Object[] values) {
        int indexOf(Dpid s) {
            for (int i = 0; i < keys.length; i++) {
                if (keys[i].equals(s)) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** Null when empty. */
    private final Bucket[] buckets;

    private final int size;

    private SwitchMap(Bucket[] buckets, int size) {
        this.buckets = buckets;
        this.size = size;
    }

    @SuppressWarnings("unchecked")
    static <V> SwitchMap<V> empty() {
        return (SwitchMap<V>) EMPTY;
    }

    static <V> Builder<V> builder() {
        return new Builder<>(null, 0);
    }

    /** A builder that starts from this map's entries (sharing every bucket it does not change). */
    Builder<V> toBuilder() {
        return new Builder<>(buckets, size);
    }

    private static int bucketOf(Dpid s) {
        long v = s.value() * 0x9E3779B97F4A7C15L;
        return (int) (v >>> 56) & (BUCKETS - 1);
    }

    /** The switch's value; null when it has none. */
    @SuppressWarnings("unchecked")
    V get(Dpid s) {
        if (buckets == null) {
            return null;
        }
        Bucket b = buckets[bucketOf(s)];
        if (b == null) {
            return null;
        }
        int i = b.indexOf(s);
        return i < 0 ? null : (V) b.values[i];
    }

    boolean containsKey(Dpid s) {
        return get(s) != null;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    @SuppressWarnings("unchecked")
    void forEach(BiConsumer<? super Dpid, ? super V> action) {
        if (buckets == null) {
            return;
        }
        for (Bucket b : buckets) {
            if (b != null) {
                for (int i = 0; i < b.keys.length; i++) {
                    action.accept(b.keys[i], (V) b.values[i]);
                }
            }
        }
    }

    /** The switches that have a value (a new set). */
    Set<Dpid> keySet() {
        Set<Dpid> out = new HashSet<>(Math.max(16, size * 2));
        forEach((s, v) -> out.add(s));
        return Collections.unmodifiableSet(out);
    }

    /** A copy as an ordinary map. */
    Map<Dpid, V> toMap() {
        Map<Dpid, V> out = new HashMap<>(Math.max(16, size * 2));
        forEach(out::put);
        return Collections.unmodifiableMap(out);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SwitchMap<?> other) || other.size != size) {
            return false;
        }
        if (buckets == other.buckets) {
            return true;
        }
        boolean[] same = {true};
        forEach(
                (s, v) -> {
                    if (same[0] && !v.equals(other.get(s))) {
                        same[0] = false;
                    }
                });
        return same[0];
    }

    @Override
    public int hashCode() {
        int[] h = {0};
        forEach((s, v) -> h[0] += s.hashCode() ^ v.hashCode());
        return h[0];
    }

    @Override
    public String toString() {
        return toMap().toString();
    }

    /**
     * Changes a copy: the first change to a bucket copies that bucket (and the first change at all
     * the bucket array); {@link #build()} hands the result over and ends the builder.
     */
    static final class Builder<V> {

        private Bucket[] buckets;
        private int size;

        /** Whether {@link #buckets} is this builder's own copy. */
        private boolean ownArray;

        /** Buckets this builder made (and may change in place); null until the first. */
        private boolean[] own;

        private Builder(Bucket[] buckets, int size) {
            this.buckets = buckets;
            this.size = size;
        }

        /** Sets the switch's value; null removes the switch. */
        Builder<V> put(Dpid s, V value) {
            if (value == null) {
                return remove(s);
            }
            int at = bucketOf(s);
            Bucket b = buckets == null ? null : buckets[at];
            int i = b == null ? -1 : b.indexOf(s);
            if (i >= 0 && b.values[i] == value) {
                return this;
            }
            Bucket mine = writable(at);
            if (i >= 0) {
                mine.values[i] = value;
                return this;
            }
            Dpid[] keys = Arrays.copyOf(mine.keys, mine.keys.length + 1);
            Object[] values = Arrays.copyOf(mine.values, mine.values.length + 1);
            keys[keys.length - 1] = s;
            values[values.length - 1] = value;
            buckets[at] = new Bucket(keys, values);
            size++;
            return this;
        }

        Builder<V> remove(Dpid s) {
            int at = bucketOf(s);
            Bucket b = buckets == null ? null : buckets[at];
            int i = b == null ? -1 : b.indexOf(s);
            if (i < 0) {
                return this;
            }
            int n = b.keys.length - 1;
            if (n == 0) {
                writableArray();
                buckets[at] = null;
            } else {
                Dpid[] keys = new Dpid[n];
                Object[] values = new Object[n];
                System.arraycopy(b.keys, 0, keys, 0, i);
                System.arraycopy(b.values, 0, values, 0, i);
                System.arraycopy(b.keys, i + 1, keys, i, n - i);
                System.arraycopy(b.values, i + 1, values, i, n - i);
                writableArray();
                buckets[at] = new Bucket(keys, values);
                own[at] = true;
            }
            size--;
            return this;
        }

        @SuppressWarnings("unchecked")
        V get(Dpid s) {
            if (buckets == null) {
                return null;
            }
            Bucket b = buckets[bucketOf(s)];
            int i = b == null ? -1 : b.indexOf(s);
            return i < 0 ? null : (V) b.values[i];
        }

        SwitchMap<V> build() {
            SwitchMap<V> out = size == 0 ? empty() : new SwitchMap<>(buckets, size);
            // Hand the arrays over: nothing may change them from here on.
            buckets = null;
            size = 0;
            ownArray = false;
            own = null;
            return out;
        }

        private void writableArray() {
            if (!ownArray) {
                buckets = buckets == null ? new Bucket[BUCKETS] : buckets.clone();
                own = new boolean[BUCKETS];
                ownArray = true;
            }
        }

        /** The bucket at {@code at} as this builder's own (an empty one when none). */
        private Bucket writable(int at) {
            writableArray();
            Bucket b = buckets[at];
            if (b == null) {
                b = new Bucket(new Dpid[0], new Object[0]);
            } else if (!own[at]) {
                b = new Bucket(b.keys.clone(), b.values.clone());
            } else {
                return b;
            }
            buckets[at] = b;
            own[at] = true;
            return b;
        }
    }
}
