package org.weft.store.impl;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.store.IntentStore;

/**
 * An {@link IntentStore} that forgets everything at exit; for tests and ephemeral runs. Quarantined
 * documents are kept in memory ({@link #quarantined}). Made {@link #notifying}, it stands for a
 * store several instances share: every change is announced to the watchers through an executor (a
 * test's queue decides when they hear of it).
 */
public final class MemoryIntentStore implements IntentStore {

    private static final Logger log = LoggerFactory.getLogger(MemoryIntentStore.class);

    private final Map<String, Map<String, String>> kinds = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> quarantined = new ConcurrentHashMap<>();
    private final Map<String, Long> lastIds = new ConcurrentHashMap<>();
    private final List<Consumer<String>> watchers = new CopyOnWriteArrayList<>();
    private final Executor notifier;

    /** A store that never calls its watchers (one writer, applying its own changes). */
    public MemoryIntentStore() {
        this.notifier = null;
    }

    private MemoryIntentStore(Executor notifier) {
        this.notifier = notifier;
    }

    /** A store that tells its watchers of every change, each call run by {@code notifier}. */
    public static MemoryIntentStore notifying(Executor notifier) {
        return new MemoryIntentStore(Objects.requireNonNull(notifier, "notifier"));
    }

    @Override
    public void watch(Consumer<String> kindChanged) {
        watchers.add(Objects.requireNonNull(kindChanged, "kindChanged"));
    }

    private void changed(String kind) {
        if (notifier != null) {
            notifier.execute(() -> watchers.forEach(w -> w.accept(kind)));
        }
    }

    @Override
    public Map<String, String> list(String kind) {
        Names.check("kind", kind);
        return new TreeMap<>(kinds.getOrDefault(kind, Map.of()));
    }

    @Override
    public void put(String kind, String id, String document) {
        Names.check("kind", kind);
        Names.check("id", id);
        kinds.computeIfAbsent(kind, k -> new ConcurrentHashMap<>()).put(id, document);
        changed(kind);
    }

    @Override
    public boolean remove(String kind, String id) {
        Names.check("kind", kind);
        Names.check("id", id);
        Map<String, String> docs = kinds.get(kind);
        boolean removed = docs != null && docs.remove(id) != null;
        if (removed) {
            changed(kind);
        }
        return removed;
    }

    @Override
    public synchronized long nextId(String kind) {
        Names.check("kind", kind);
        long highest =
                java.util.stream.Stream.concat(
                                list(kind).keySet().stream(), quarantined(kind).keySet().stream())
                        .filter(id -> id.matches("[0-9]{1,18}"))
                        .mapToLong(Long::parseLong)
                        .max()
                        .orElse(0);
        return lastIds.merge(kind, highest + 1, (last, h) -> Math.max(last + 1, h));
    }

    @Override
    public boolean quarantine(String kind, String id, String reason) {
        Names.check("kind", kind);
        Names.check("id", id);
        Map<String, String> docs = kinds.get(kind);
        String doc = docs == null ? null : docs.remove(id);
        if (doc == null) {
            return false;
        }
        quarantined.computeIfAbsent(kind, k -> new ConcurrentHashMap<>()).put(id, doc);
        log.error("Quarantined unreadable intent {}/{} (in memory): {}", kind, id, reason);
        changed(kind);
        return true;
    }

    /** The documents of a kind that were quarantined, by id. */
    public Map<String, String> quarantined(String kind) {
        return new TreeMap<>(quarantined.getOrDefault(kind, Map.of()));
    }
}
