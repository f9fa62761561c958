package org.weft.cluster;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.utils.ZKPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.util.BoundedExecutor;

/**
 * Watches {@code /weft/intents} with a Curator cache and tells the watchers which kinds changed:
 * one thread ({@code weft-intent-watch}) calls them in order, and changes of a kind that arrive
 * while a call for it is queued are one call (a burst of writes is read once). A change this
 * instance wrote itself comes back too; watchers re-read the kind and find nothing to do.
 *
 * <p>The thread's queue is bounded ({@link #MAX_QUEUED}) like every work queue, but the folding
 * keeps it far below: it holds at most one call per kind (a handful: ACLs, rate limits, static
 * flows, ...), plus one per kind for each watcher added after the start. A call over the bound is
 * dropped and counted ({@link #dropped()}); the kind's next change queues it again.
 */
final class IntentWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IntentWatch.class);

    /** Most calls waiting for the watchers' thread. */
    static final int MAX_QUEUED = 1_000;

    private final CuratorCache cache;
    private final List<Consumer<String>> watchers = new CopyOnWriteArrayList<>();
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final BoundedExecutor calls;
    private boolean started;

    IntentWatch(CuratorFramework client) {
        this(client, MAX_QUEUED);
    }

    IntentWatch(CuratorFramework client, int maxQueued) {
        this.calls = new BoundedExecutor("weft-intent-watch", maxQueued);
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
            calls.tryExecute(() -> callOne(watcher, kind));
        }
    }

    private void changed(ChildData after, ChildData before) {
        ChildData node = after != null ? after : before;
        String kind = kindOf(node == null ? null : node.getPath());
        if (kind != null) {
            changed(kind);
        }
    }

    /** Queues a call for the kind unless one is queued already. */
    void changed(String kind) {
        if (queued.add(kind) && !calls.tryExecute(() -> call(kind))) {
            queued.remove(kind); // not queued: the kind's next change queues it
        }
    }

    /** Calls dropped since start because {@link #MAX_QUEUED} were waiting already. */
    long dropped() {
        return calls.rejected();
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
