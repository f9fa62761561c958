package org.weft.intent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.weft.net.ConnectPoint;
import org.weft.net.Link;
import org.weft.store.impl.MemoryIntentStore;

class StoredLinkCapacitiesTest {

    private static final Link L12 = Link.of(ConnectPoint.of(1, 4), ConnectPoint.of(2, 4));
    private static final String ID12 = "0000000000000001-4-0000000000000002-4";
    private static final String ID21 = "0000000000000002-4-0000000000000001-4";

    private final MemoryIntentStore store = new MemoryIntentStore();
    private final FakeLinkAdmin admin = new FakeLinkAdmin();

    @Test
    void capacitiesAreStoredAsTextPerDirectionAndAppliedAgainAtLoad() {
        StoredLinkCapacities caps = new StoredLinkCapacities(admin, store);
        caps.set(L12, 100, true);
        assertThat(store.list(StoredLinkCapacities.KIND))
                .containsEntry(ID12, "100")
                .containsEntry(ID21, "100");
        assertThat(admin.capacities).containsEntry(L12, 100L);

        FakeLinkAdmin restarted = new FakeLinkAdmin();
        StoredLinkCapacities again = new StoredLinkCapacities(restarted, store);
        assertThat(restarted.capacities)
                .containsEntry(L12, 100L)
                .containsEntry(L12.reverse(), 100L);
        assertThat(again.get(L12)).hasValue(100L);

        assertThat(again.clear(L12, true)).isTrue();
        assertThat(store.list(StoredLinkCapacities.KIND)).isEmpty();
        assertThat(restarted.capacities).isEmpty();
        assertThat(again.clear(L12, true)).isFalse();
    }

    @Test
    void impossibleCapacitiesAreRefusedAndUnreadableOnesQuarantined() {
        StoredLinkCapacities caps = new StoredLinkCapacities(admin, store);
        assertThatThrownBy(() -> caps.set(L12, 0, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.list(StoredLinkCapacities.KIND)).isEmpty();
        assertThat(admin.capacities).isEmpty();

        store.put(StoredLinkCapacities.KIND, ID12, "fast");
        store.put(StoredLinkCapacities.KIND, ID21, "10");
        StoredLinkCapacities loaded = new StoredLinkCapacities(new FakeLinkAdmin(), store);
        assertThat(loaded.all()).containsOnlyKeys(L12.reverse());
        assertThat(store.quarantined(StoredLinkCapacities.KIND)).containsOnlyKeys(ID12);
    }
}
