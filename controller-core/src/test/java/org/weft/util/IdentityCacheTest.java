package org.weft.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.weft.net.testing.Allocations;

class IdentityCacheTest {

    @Test
    void keysAreObjectsNotValues() {
        IdentityCache<List<Integer>, String> cache = new IdentityCache<>(10);
        List<Integer> a = new ArrayList<>(List.of(1, 2));
        List<Integer> b = new ArrayList<>(List.of(1, 2));
        cache.put(a, "a");

        assertThat(cache.getIfPresent(a)).isEqualTo("a");
        assertThat(cache.getIfPresent(b)).as("equal, not the same").isNull();
        assertThat(cache.get(b, x -> "b")).isEqualTo("b");
        assertThat(cache.get(b, x -> "not again")).isEqualTo("b");
        cache.put(a, "a2");
        assertThat(cache.getIfPresent(a)).isEqualTo("a2");
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void staysWithinItsBound() {
        IdentityCache<Object, Integer> cache = new IdentityCache<>(100);
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            Object k = new Object();
            keys.add(k);
            cache.put(k, i);
            assertThat(cache.size()).isLessThanOrEqualTo(100);
        }
        assertThat(cache.getIfPresent(keys.get(999))).isEqualTo(999);
    }

    @Test
    void anEntryGoesWithItsKey() throws InterruptedException {
        IdentityCache<Object, Integer> cache = new IdentityCache<>(100);
        Object kept = new Object();
        cache.put(new Object(), 1);
        cache.put(kept, 2);
        for (int i = 0; i < 200 && cache.size() > 1; i++) {
            System.gc();
            Thread.sleep(10);
            cache.put(kept, 2); // a put drops the entries of collected keys
        }
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.getIfPresent(kept)).isEqualTo(2);
    }

    @Test
    void aReadAllocatesNothing() {
        IdentityCache<Object, Integer> cache = new IdentityCache<>(1_000);
        Object[] keys = new Object[100];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new Object();
            cache.put(keys[i], i);
        }
        long[] sum = {0};
        long perRead =
                Allocations.bytesPerCall(
                        100_000, i -> sum[0] += cache.getIfPresent(keys[i % keys.length]));
        assertThat(perRead).as("bytes per read").isZero();
        assertThat(sum[0]).isPositive();
    }
}
