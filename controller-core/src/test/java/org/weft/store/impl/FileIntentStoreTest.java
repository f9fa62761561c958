package org.weft.store.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weft.store.IntentStore;
import org.weft.store.StoreException;

class FileIntentStoreTest {

    @TempDir Path dir;

    @Test
    void documentsSurviveANewInstanceOnTheSameDirectory() {
        IntentStore first = new FileIntentStore(dir);
        first.put("static-flows", "1", "{\"a\":1}");
        first.put("static-flows", "2", "{\"b\":2}");
        first.put("static-flows", "1", "{\"a\":3}");
        first.put("weights", "x", "w");

        IntentStore second = new FileIntentStore(dir);
        assertThat(second.list("static-flows"))
                .isEqualTo(Map.of("1", "{\"a\":3}", "2", "{\"b\":2}"));
        assertThat(second.list("weights")).containsOnlyKeys("x");
        assertThat(second.list("nothing")).isEmpty();
    }

    @Test
    void removeIsDurableAndReportsMissingDocuments() {
        IntentStore store = new FileIntentStore(dir);
        store.put("k", "1", "one");
        assertThat(store.remove("k", "1")).isTrue();
        assertThat(store.remove("k", "1")).isFalse();
        assertThat(new FileIntentStore(dir).list("k")).isEmpty();
    }

    @Test
    void aTemporaryFileLeftByACrashIsIgnoredAndCleanedUp() throws Exception {
        IntentStore store = new FileIntentStore(dir);
        store.put("k", "1", "committed");
        Path torn = dir.resolve("k").resolve("2.json.tmp");
        Files.writeString(torn, "half a docu");

        assertThat(new FileIntentStore(dir).list("k")).isEqualTo(Map.of("1", "committed"));
        assertThat(torn).doesNotExist();
    }

    @Test
    void namesThatAreNotPlainFileNamesAreRejected() {
        IntentStore store = new FileIntentStore(dir);
        assertThatThrownBy(() -> store.put("k", "../escape", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put("a/b", "1", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.list(".hidden"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(dir.resolve("escape.json")).doesNotExist();
    }

    @Test
    void idsAreNeverHandedOutTwiceAcrossInstancesAndDeletions() {
        IntentStore first = new FileIntentStore(dir);
        assertThat(first.nextId("k")).isEqualTo(1);
        assertThat(first.nextId("k")).isEqualTo(2);
        first.put("k", "2", "two");
        first.remove("k", "2");
        assertThat(first.nextId("other")).isEqualTo(1);

        IntentStore second = new FileIntentStore(dir);
        assertThat(second.nextId("k")).isEqualTo(3);
        assertThat(second.list("k")).as("the counter is not a document").isEmpty();
    }

    @Test
    void theFirstIdIsAboveEveryStoredNumericId() {
        IntentStore store = new FileIntentStore(dir);
        store.put("k", "41", "kept before counters existed");
        store.put("k", "name", "not numeric");
        assertThat(new FileIntentStore(dir).nextId("k")).isEqualTo(42);

        store.put("k", "100", "put with its own id");
        assertThat(store.nextId("k")).isEqualTo(101);
    }

    @Test
    void theFirstIdIsAboveQuarantinedIdsToo() {
        Path intents = dir.resolve("intents");
        FileIntentStore store = new FileIntentStore(intents);
        store.put("k", "1", "fine");
        store.put("k", "2", "{broken");
        store.put("k", "3", "{broken");
        store.quarantine("k", "3", "not JSON");
        store.put("k", "3", "{broken again");
        store.quarantine("k", "3", "not JSON");
        store.quarantine("k", "2", "not JSON");
        assertThat(new FileIntentStore(intents).nextId("k")).isEqualTo(4);

        MemoryIntentStore memory = new MemoryIntentStore();
        memory.put("k", "5", "{broken");
        memory.quarantine("k", "5", "not JSON");
        assertThat(memory.nextId("k")).isEqualTo(6);
    }

    @Test
    void anUnreadableCounterIsAnErrorNotAGuess() throws Exception {
        IntentStore store = new FileIntentStore(dir);
        store.nextId("k");
        Files.writeString(dir.resolve("k").resolve(".last-id"), "garbage");
        assertThatThrownBy(() -> new FileIntentStore(dir).nextId("k"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(".last-id");
    }

    @Test
    void aQuarantinedDocumentMovesToTheQuarantineDirectory() throws Exception {
        Path intents = dir.resolve("intents");
        FileIntentStore store = new FileIntentStore(intents);
        store.put("k", "1", "{broken");
        store.put("k", "2", "fine");

        assertThat(store.quarantine("k", "1", "not JSON")).isTrue();
        assertThat(store.quarantine("k", "1", "again")).isFalse();
        assertThat(store.list("k")).containsOnlyKeys("2");
        Path moved = dir.resolve("quarantine").resolve("k").resolve("1.json");
        assertThat(moved).hasContent("{broken");

        // A second document quarantined under the same id keeps the first.
        store.put("k", "1", "{broken again");
        assertThat(store.quarantine("k", "1", "not JSON")).isTrue();
        assertThat(moved).hasContent("{broken");
        try (var files = Files.list(moved.getParent())) {
            assertThat(files).hasSize(2);
        }
    }

    @Test
    void memoryStoreHasTheSameContract() {
        IntentStore store = new MemoryIntentStore();
        store.put("k", "1", "one");
        assertThat(store.list("k")).isEqualTo(Map.of("1", "one"));
        assertThat(store.remove("k", "1")).isTrue();
        assertThat(store.remove("k", "1")).isFalse();
        assertThatThrownBy(() -> store.put("k", "a b", "x"))
                .isInstanceOf(IllegalArgumentException.class);

        store.put("k", "7", "seven");
        assertThat(store.nextId("k")).isEqualTo(8);
        store.remove("k", "7");
        assertThat(store.nextId("k")).isEqualTo(9);
        assertThat(store.quarantine("k", "nothing", "r")).isFalse();
        store.put("k", "9", "x");
        assertThat(store.quarantine("k", "9", "r")).isTrue();
        assertThat(store.list("k")).isEmpty();
    }
}
