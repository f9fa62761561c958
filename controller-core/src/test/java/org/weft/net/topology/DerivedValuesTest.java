package org.weft.net.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Values kept with a snapshot: once per type and key identity, bounded, least recent dropped. */
class DerivedValuesTest {

    private final TopologySnapshot snap = TopologyFixtures.builder().cable(1, 2).build();
    private final AtomicInteger computed = new AtomicInteger();

    private String value(Object key) {
        return snap.derived(
                String.class, key, t -> "v" + computed.incrementAndGet() + "@" + t.version());
    }

    @Test
    void computesOncePerKeyAndSnapshot() {
        Object key = new Object();
        String first = value(key);
        assertThat(value(key)).isSameAs(first);
        assertThat(computed).hasValue(1);
        assertThat(value(new Object())).isNotEqualTo(first);
        assertThat(computed).hasValue(2);
    }

    @Test
    void keysCompareByIdentityAndPerType() {
        String a = value(List.of(1));
        String b = value(List.of(1)); // equal, not the same: another value
        assertThat(b).isNotEqualTo(a);
        Object key = new Object();
        value(key);
        Integer other = snap.derived(Integer.class, key, t -> 7);
        assertThat(other).isEqualTo(7);
    }

    @Test
    void keepsTheMostRecentlyUsedUpToItsCapacity() {
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < DerivedValues.CAPACITY; i++) {
            keys.add(new Object());
            value(keys.get(i));
        }
        value(keys.get(0)); // used again: now the most recent
        value(new Object()); // one too many: drops the least recent, keys[1]
        int before = computed.get();
        value(keys.get(0));
        value(keys.get(2));
        assertThat(computed).hasValue(before);
        value(keys.get(1));
        assertThat(computed).hasValue(before + 1);
    }

    @Test
    void aSnapshotDoesNotShareItsValuesWithTheNext() {
        Object key = new Object();
        String first = value(key);
        TopologySnapshot next = snap.next(snap.createdAt(), snap.switches(), snap.linkInfos());
        assertThat(next.derived(String.class, key, t -> "other")).isEqualTo("other");
        assertThat(value(key)).isSameAs(first);
    }
}
