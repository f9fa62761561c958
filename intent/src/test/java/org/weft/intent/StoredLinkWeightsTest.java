package org.weft.intent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.weft.net.ConnectPoint;
import org.weft.net.Link;
import org.weft.store.impl.MemoryIntentStore;

class StoredLinkWeightsTest {

    private static final Link L12 = Link.of(ConnectPoint.of(1, 4), ConnectPoint.of(2, 4));
    private static final String ID12 = "0000000000000001-4-0000000000000002-4";
    private static final String ID21 = "0000000000000002-4-0000000000000001-4";

    private final MemoryIntentStore store = new MemoryIntentStore();
    private final FakeLinkAdmin admin = new FakeLinkAdmin();

    @Test
    void weightsAreStoredAsTextPerDirectionAndAppliedAgainAtLoad() {
        StoredLinkWeights weights = new StoredLinkWeights(admin, store);
        weights.set(L12, 7.5, true);
        assertThat(store.list(StoredLinkWeights.KIND)).containsEntry(ID12, "7.5");
        assertThat(store.list(StoredLinkWeights.KIND)).containsEntry(ID21, "7.5");

        FakeLinkAdmin restarted = new FakeLinkAdmin();
        StoredLinkWeights again = new StoredLinkWeights(restarted, store);
        assertThat(restarted.weights).containsEntry(L12, 7.5).containsEntry(L12.reverse(), 7.5);
        assertThat(again.get(L12)).hasValue(7.5);

        assertThat(again.clear(L12, false)).isTrue();
        assertThat(store.list(StoredLinkWeights.KIND)).containsOnlyKeys(ID21);
        assertThat(restarted.weights).containsOnlyKeys(L12.reverse());
        assertThat(again.clear(L12, false)).isFalse();
    }

    @Test
    void impossibleWeightsAreRefusedAndUnreadableOnesQuarantined() {
        StoredLinkWeights weights = new StoredLinkWeights(admin, store);
        assertThatThrownBy(() -> weights.set(L12, -1, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.list(StoredLinkWeights.KIND)).isEmpty();

        store.put(StoredLinkWeights.KIND, ID12, "heavy");
        store.put(StoredLinkWeights.KIND, "not-a-link", "1.0");
        store.put(StoredLinkWeights.KIND, ID21, "2.0");
        StoredLinkWeights loaded = new StoredLinkWeights(new FakeLinkAdmin(), store);
        assertThat(loaded.all()).containsOnlyKeys(L12.reverse());
        assertThat(store.quarantined(StoredLinkWeights.KIND)).containsOnlyKeys(ID12, "not-a-link");
    }
}
