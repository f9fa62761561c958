package org.weft.store.impl;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.weft.store.IntentStore;

/** An {@link IntentStore} that forgets everything at exit; for tests and ephemeral runs. */
public final class MemoryIntentStore implements IntentStore {

    private final Map<String, Map<String, String>> kinds = new ConcurrentHashMap<>();

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
    }

    @Override
    public boolean remove(String kind, String id) {
        Names.check("kind", kind);
        Names.check("id", id);
        Map<String, String> docs = kinds.get(kind);
        return docs != null && docs.remove(id) != null;
    }
}
