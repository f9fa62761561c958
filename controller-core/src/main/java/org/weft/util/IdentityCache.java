package org.weft.util;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A thread-safe cache keyed by object identity that holds its keys weakly (an entry goes soon after
 * its key is collected) and is read without allocating: a read looks the map up with a per-thread
 * mutable probe, where a weak-keyed cache such as Caffeine's builds a lookup key per read. For
 * values derived once from an immutable object and read on every packet-in (a rule's encoded
 * flow-mod, an action list's bytes).
 *
 * <p>Bounded: when a put finds {@code maxSize} entries, arbitrary entries go until a quarter of the
 * room is free (not the least recently used: a miss only derives the value again).
 */
public final class IdentityCache<K, V> {

    private static final ThreadLocal<Probe> PROBES = ThreadLocal.withInitial(Probe::new);

    private final ConcurrentHashMap<Object, V> map = new ConcurrentHashMap<>();
    private final ReferenceQueue<K> collected = new ReferenceQueue<>();
    private final int maxSize;

    public IdentityCache(int maxSize) {
        checkArgument(maxSize > 0, "maxSize must be positive");
        this.maxSize = maxSize;
    }

    /** The value cached for this very object; null if none. */
    public V getIfPresent(K key) {
        checkNotNull(key, "key");
        Probe p = PROBES.get();
        p.key = key;
        p.hash = System.identityHashCode(key);
        try {
            return map.get(p);
        } finally {
            p.key = null;
        }
    }

    /** Caches the value for this very object (replacing any). */
    public void put(K key, V value) {
        checkNotNull(key, "key");
        checkNotNull(value, "value");
        expunge();
        if (map.size() >= maxSize) {
            shrink();
        }
        map.put(new WeakKey<>(key, collected), value);
    }

    /** The value cached for the object, derived and cached first if there is none. */
    public V get(K key, Function<? super K, ? extends V> derive) {
        V v = getIfPresent(key);
        if (v == null) {
            v = derive.apply(key);
            put(key, v);
        }
        return v;
    }

    /** How many entries are held (some keys may have been collected since). */
    public int size() {
        return map.size();
    }

    private void expunge() {
        for (Reference<? extends K> r = collected.poll(); r != null; r = collected.poll()) {
            map.remove(r);
        }
    }

    private void shrink() {
        int target = maxSize - Math.max(1, maxSize / 4);
        Iterator<Object> it = map.keySet().iterator();
        while (map.size() > target && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    /** A stored key: equal to itself, and to a key or probe of the same (uncollected) object. */
    private static final class WeakKey<K> extends WeakReference<K> {
        private final int hash;

        WeakKey(K key, ReferenceQueue<K> queue) {
            super(key, queue);
            this.hash = System.identityHashCode(key);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (o == this) {
                return true;
            }
            Object k = get();
            return k != null && o instanceof WeakKey<?> w && w.get() == k;
        }
    }

    /** A read's stand-in for the key (never stored): equal to the stored key of the same object. */
    private static final class Probe {
        private Object key;
        private int hash;

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return key != null && o instanceof WeakKey<?> w && w.get() == key;
        }
    }
}
