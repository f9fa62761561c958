package org.weft.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;

/**
 * A switch map changed through builders behaves as an ordinary map copied and changed the same way,
 * and a change never shows in the map it started from (older versions are kept and checked again at
 * the end).
 */
class SwitchMapTest {

    @Test
    void randomChangesMatchACopiedHashMap() {
        Random rnd = new Random(14);
        List<SwitchMap<Integer>> versions = new ArrayList<>();
        List<Map<Dpid, Integer>> expected = new ArrayList<>();
        SwitchMap<Integer> map = SwitchMap.empty();
        Map<Dpid, Integer> model = new HashMap<>();
        for (int step = 0; step < 300; step++) {
            SwitchMap.Builder<Integer> b = map.toBuilder();
            Map<Dpid, Integer> next = new HashMap<>(model);
            int changes = rnd.nextInt(step < 20 ? 200 : 12);
            for (int i = 0; i < changes; i++) {
                // Up to 1,200 switches: several per bucket, so buckets grow and shrink.
                Dpid s = Dpid.of(1 + rnd.nextInt(1_200));
                if (rnd.nextInt(4) == 0) {
                    b.remove(s);
                    next.remove(s);
                } else {
                    int v = rnd.nextInt(5);
                    b.put(s, v);
                    next.put(s, v);
                }
                assertThat(b.get(s)).isEqualTo(next.get(s));
            }
            map = b.build();
            model = next;
            versions.add(map);
            expected.add(model);
            assertSame(map, model);
        }
        for (int i = 0; i < versions.size(); i++) {
            assertSame(versions.get(i), expected.get(i));
        }
    }

    @Test
    void equalMapsAreEqualWhateverTheirHistory() {
        SwitchMap<String> a =
                SwitchMap.<String>builder().put(Dpid.of(1), "x").put(Dpid.of(2), "y").build();
        SwitchMap<String> b =
                SwitchMap.<String>builder()
                        .put(Dpid.of(2), "y")
                        .put(Dpid.of(3), "z")
                        .put(Dpid.of(1), "x")
                        .build()
                        .toBuilder()
                        .remove(Dpid.of(3))
                        .build();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(b.toBuilder().put(Dpid.of(2), "w").build());
        assertThat(a.toBuilder().remove(Dpid.of(1)).remove(Dpid.of(2)).build())
                .isEqualTo(SwitchMap.empty());
    }

    @Test
    void planEntriesKeepOtherSwitchesListsAndCountEntries() {
        PlanEntries<String> e =
                PlanEntries.<String>builder()
                        .put(Dpid.of(1), "a")
                        .put(Dpid.of(2), "b")
                        .put(Dpid.of(1), "c")
                        .build();
        assertThat(e.get(Dpid.of(1))).containsExactly("a", "c");
        assertThat(e.size()).isEqualTo(3);
        PlanEntries<String> f =
                e.toBuilder().set(Dpid.of(1), List.of()).put(Dpid.of(3), "d").build();
        assertThat(f.get(Dpid.of(1))).isEmpty();
        assertThat(f.get(Dpid.of(2))).isSameAs(e.get(Dpid.of(2)));
        assertThat(f.size()).isEqualTo(2);
        assertThat(f.keySet()).containsExactlyInAnyOrder(Dpid.of(2), Dpid.of(3));
        assertThat(e.get(Dpid.of(1))).containsExactly("a", "c");
    }

    private static <V> void assertSame(SwitchMap<V> map, Map<Dpid, V> model) {
        assertThat(map.toMap()).isEqualTo(model);
        assertThat(map.size()).isEqualTo(model.size());
        assertThat(map.keySet()).isEqualTo(model.keySet());
        for (Dpid s : model.keySet()) {
            assertThat(map.get(s)).isEqualTo(model.get(s));
        }
        assertThat(map.get(Dpid.of(5_000))).isNull();
    }
}
