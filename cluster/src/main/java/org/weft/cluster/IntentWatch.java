package org.weft.cluster;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.utils.ZKPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches {@code /weft/intents} with a Curator cache and tells the watchers which kinds changed:
 * one thread ({@code weft-intent-watch}) calls them in order, and changes of a kind that arrive
 * while a call for it is queued are one call (a burst of writes is read once). A change this
 * instance wrote itself comes back too; watchers re-read the kind and find nothing to do.
 */
final class IntentWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IntentWatch.class);

    private final CuratorCache cache;
    private final List<Consumer<String>> watchers = new CopyOnWriteArrayList<>();
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final ExecutorService calls =
            Executors.newSingleThreadExecutor(
                    r -> {
                        Thread t = new Thread(r, "weft-intent-watch");
                        t.setDaemon(true);
                        return t;
                    });
    private boolean started;

    IntentWatch(CuratorFramework client) {
        this.cache = CuratorCache.build(client, ZooKeeperIntentStore.INTENTS);
        cache.listenable()
                .addListener(
                        CuratorCacheListener.builder()
                                .forAll((type, before, after) -> changed(after, before))
                                .build());
    }

    /**
     * Adds a watcher; the cache starts with the first one. A watcher added later is also called
     * once for every kind the cache holds, so a change written between its owner's load and this
     * call (whose event may have passed already) is not missed.
     */
    synchronized void add(Consumer<String> watcher) {
        watchers.add(watcher);
        if (!started) {
            started = true;
            cache.start(); // its first events name every kind stored
            return;
        }
        Set<String> kinds = new java.util.TreeSet<>();
        cache.stream()
                .forEach(
                        d -> {
                            String kind = kindOf(d.getPath());
                            if (kind != null) {
                                kinds.add(kind);
                            }
                        });
        for (String kind : kinds) {
            calls.execute(() -> callOne(watcher, kind));
        }
    }

    private void changed(ChildData after, ChildData before) {
        ChildData node = after != null ? after : before;
        String kind = kindOf(node == null ? null : node.getPath());
        if (kind != null && queued.add(kind)) {
            calls.execute(() -> call(kind));
        }
    }

    /** The kind of {@code /weft/intents/<kind>/<id>}; null for the kind's own znode or the root. */
    static String kindOf(String path) {
        if (path == null || !path.startsWith(ZooKeeperIntentStore.INTENTS + "/")) {
            return null;
        }
        List<String> parts = ZKPaths.split(path.substring(ZooKeeperIntentStore.INTENTS.length()));
        return parts.size() == 2 ? parts.get(0) : null;
    }

    private void call(String kind) {
        queued.remove(kind);
        for (Consumer<String> w : watchers) {
            callOne(w, kind);
        }
    }

    private static void callOne(Consumer<String> watcher, String kind) {
        try {
            watcher.accept(kind);
        } catch (RuntimeException e) {
            log.error("Applying changed intent {} failed; the next change retries", kind, e);
        }
    }

    @Override
    public void close() {
        cache.close();
        calls.shutdown();
        try {
            if (!calls.awaitTermination(2, TimeUnit.SECONDS)) {
                log.warn("Intent watchers still running 2 s after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
