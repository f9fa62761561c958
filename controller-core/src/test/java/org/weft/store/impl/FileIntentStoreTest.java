package org.weft.store.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weft.store.IntentStore;

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
    void memoryStoreHasTheSameContract() {
        IntentStore store = new MemoryIntentStore();
        store.put("k", "1", "one");
        assertThat(store.list("k")).isEqualTo(Map.of("1", "one"));
        assertThat(store.remove("k", "1")).isTrue();
        assertThat(store.remove("k", "1")).isFalse();
        assertThatThrownBy(() -> store.put("k", "a b", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
