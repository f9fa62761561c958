package org.weft.cluster.topology;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shared records of one kind as persistent znodes under one parent ({@code /weft/links} or {@code
 * /weft/hosts}), one small JSON document each, read through a {@link CuratorCache}. Writes are made
 * only while connected (a round repairs what could not be written); a record that cannot be read is
 * logged and skipped.
 */
final class ZkRecords<R> implements SharedRecords<R>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ZkRecords.class);

    /** Fields a newer instance may add are ignored, so instances of two versions share records. */
    static final ObjectMapper JSON =
            new ObjectMapper()
                    .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                    .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final CuratorFramework client;
    private final String parent;
    private final Class<R> type;
    private final CuratorCache cache;
    private final Map<String, R> decoded = new ConcurrentHashMap<>();
    private final LongAdder writes = new LongAdder();
    private final LongAdder deletes = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder unreadable = new LongAdder();

    ZkRecords(CuratorFramework client, String parent, Class<R> type) {
        this.client = client;
        this.parent = parent;
        this.type = type;
        this.cache = CuratorCache.build(client, parent);
    }

    /**
     * Starts the cache; {@code changed} and {@code removed} are called on Curator's thread for
     * every record that appears, changes or goes (also the ones found at start).
     */
    void start(Consumer<R> changed, Consumer<R> removed) {
        start(changed, removed, () -> {});
    }

    /** As above; {@code loaded} is called once every record found at start was passed on. */
    void start(Consumer<R> changed, Consumer<R> removed, Runnable loaded) {
        cache.listenable()
                .addListener(
                        CuratorCacheListener.builder()
                                .forCreatesAndChanges(
                                        (old, node) -> {
                                            R r = decode(node);
                                            if (r != null) {
                                                decoded.put(name(node), r);
                                                changed.accept(r);
                                            }
                                        })
                                .forDeletes(
                                        old -> {
                                            R r = isRecord(old) ? decoded.remove(name(old)) : null;
                                            if (r != null) {
                                                removed.accept(r);
                                            }
                                        })
                                .forInitialized(loaded)
                                .build());
        cache.start();
    }

    private boolean isRecord(ChildData d) {
        return parent.equals(ZKPaths.getPathAndNode(d.getPath()).getPath());
    }

    private static String name(ChildData d) {
        return ZKPaths.getNodeFromPath(d.getPath());
    }

    private R decode(ChildData d) {
        if (!isRecord(d) || d.getData() == null) {
            return null;
        }
        try {
            return JSON.readValue(d.getData(), type);
        } catch (IOException | RuntimeException e) {
            unreadable.increment();
            log.warn("Shared record {} cannot be read, skipped: {}", d.getPath(), e.toString());
            return null;
        }
    }

    @Override
    public Map<String, R> all() {
        return Map.copyOf(decoded);
    }

    @Override
    public R get(String name) {
        return decoded.get(name);
    }

    @Override
    public void put(String name, R record) {
        if (!client.getZookeeperClient().isConnected()) {
            failures.increment();
            return;
        }
        String path = ZKPaths.makePath(parent, name);
        try {
            byte[] data = JSON.writeValueAsBytes(record);
            if (decoded.containsKey(name)) {
                // Known to exist: a plain set (a create that fails with NodeExists is one more
                // ZooKeeper transaction).
                try {
                    client.setData().forPath(path, data);
                } catch (KeeperException.NoNodeException gone) {
                    client.create().creatingParentsIfNeeded().forPath(path, data);
                }
            } else {
                client.create().orSetData().creatingParentsIfNeeded().forPath(path, data);
            }
            decoded.put(name, record);
            writes.increment();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing
            failures.increment();
            log.debug("Write of {}/{} interrupted", parent, name, e);
        } catch (Exception e) {
            failures.increment();
            log.warn("Cannot write {}/{}: {} (a later round retries)", parent, name, e.toString());
        }
    }

    @Override
    public void delete(String name) {
        if (!client.getZookeeperClient().isConnected()) {
            failures.increment();
            return;
        }
        try {
            client.delete().quietly().forPath(ZKPaths.makePath(parent, name));
            decoded.remove(name);
            deletes.increment();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing
            failures.increment();
            log.debug("Delete of {}/{} interrupted", parent, name, e);
        } catch (Exception e) {
            failures.increment();
            log.warn("Cannot delete {}/{}: {} (a later round retries)", parent, name, e.toString());
        }
    }

    long writes() {
        return writes.sum();
    }

    long deletes() {
        return deletes.sum();
    }

    long failures() {
        return failures.sum();
    }

    long unreadable() {
        return unreadable.sum();
    }

    @Override
    public void close() {
        cache.close();
    }
}
