package org.weft.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.store.IntentStore;
import org.weft.store.StoreException;

/**
 * Operator intent in ZooKeeper, shared by every instance of the cluster: {@code
 * /weft/intents/<kind>/<id>} holds a document, {@code /weft/counters/<kind>} the last id handed out
 * (advanced by compare-and-set on the znode version), {@code /weft/quarantine/<kind>/<id>} what an
 * owner could not read. A write is durable (committed by a quorum) when it returns. Without a
 * ZooKeeper connection every call fails at once with {@link StoreException} (REST answers 503)
 * instead of waiting for it. Watchers hear of every change of {@code /weft/intents}, whichever
 * instance made it ({@link IntentWatch}).
 */
public final class ZooKeeperIntentStore implements IntentStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ZooKeeperIntentStore.class);

    static final String INTENTS = ZkPaths.ROOT + "/intents";
    static final String COUNTERS = ZkPaths.ROOT + "/counters";
    static final String QUARANTINE = ZkPaths.ROOT + "/quarantine";

    private final CuratorFramework client;
    private final IntentWatch watch;

    ZooKeeperIntentStore(CuratorFramework client) {
        this.client = client;
        this.watch = new IntentWatch(client);
    }

    @Override
    public void watch(Consumer<String> kindChanged) {
        watch.add(kindChanged);
    }

    /**
     * Changes of the stored intent not passed to the watchers because their queue was full (the
     * queue holds one call per kind, so this stays 0; the kind's next change is passed on).
     */
    public long watchCallsDropped() {
        return watch.dropped();
    }

    /** Stops watching (the client is its owner's to close). */
    @Override
    public void close() {
        watch.close();
    }

    private static String name(String what, String value) {
        if (value == null || !value.matches("[A-Za-z0-9._-]{1,128}") || value.startsWith(".")) {
            throw new IllegalArgumentException(what + " '" + value + "' is not a valid name");
        }
        return value;
    }

    private void connected() {
        if (!client.getZookeeperClient().isConnected()) {
            throw new StoreException(
                    "ZooKeeper is unreachable: intent cannot be read or written", null);
        }
    }

    @Override
    public Map<String, String> list(String kind) {
        connected();
        String parent = ZKPaths.makePath(INTENTS, name("kind", kind));
        Map<String, String> out = new TreeMap<>();
        try {
            if (client.checkExists().forPath(parent) == null) {
                return out;
            }
            for (String id : client.getChildren().forPath(parent)) {
                try {
                    byte[] data = client.getData().forPath(ZKPaths.makePath(parent, id));
                    out.put(id, new String(data, StandardCharsets.UTF_8));
                } catch (KeeperException.NoNodeException e) {
                    log.debug("Intent {}/{} removed while listing", kind, id, e);
                }
            }
            return out;
        } catch (Exception e) {
            throw failed("cannot list intent " + kind, e);
        }
    }

    @Override
    public void put(String kind, String id, String document) {
        String path = ZKPaths.makePath(INTENTS, name("kind", kind), name("id", id));
        connected();
        try {
            client.create()
                    .orSetData()
                    .creatingParentsIfNeeded()
                    .forPath(path, document.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw failed("cannot write intent " + kind + "/" + id, e);
        }
    }

    @Override
    public boolean remove(String kind, String id) {
        String path = ZKPaths.makePath(INTENTS, name("kind", kind), name("id", id));
        connected();
        try {
            client.delete().forPath(path);
            return true;
        } catch (KeeperException.NoNodeException e) {
            return false;
        } catch (Exception e) {
            throw failed("cannot remove intent " + kind + "/" + id, e);
        }
    }

    @Override
    public long nextId(String kind) {
        String path = ZKPaths.makePath(COUNTERS, name("kind", kind));
        connected();
        try {
            long floor = 0;
            for (String id : list(kind).keySet()) {
                if (id.matches("\\d{1,18}")) {
                    floor = Math.max(floor, Long.parseLong(id));
                }
            }
            while (true) {
                Stat stat = new Stat();
                long last;
                try {
                    byte[] data = client.getData().storingStatIn(stat).forPath(path);
                    last = Long.parseLong(new String(data, StandardCharsets.UTF_8));
                } catch (KeeperException.NoNodeException e) {
                    try {
                        client.create().creatingParentsIfNeeded().forPath(path, bytes(floor + 1));
                        return floor + 1;
                    } catch (KeeperException.NodeExistsException raced) {
                        continue; // another instance created it first
                    }
                }
                long next = Math.max(last, floor) + 1;
                try {
                    client.setData().withVersion(stat.getVersion()).forPath(path, bytes(next));
                    return next;
                } catch (KeeperException.BadVersionException raced) {
                    log.debug("Id counter of {} moved under us; retrying", kind, raced);
                }
            }
        } catch (StoreException e) {
            throw e;
        } catch (Exception e) {
            throw failed("no id could be allocated for " + kind, e);
        }
    }

    /**
     * Moves the document in one transaction that names the version it read: when several instances
     * find it unreadable at once, one moves it (and logs it) and the others find it gone.
     */
    @Override
    public boolean quarantine(String kind, String id, String reason) {
        String from = ZKPaths.makePath(INTENTS, name("kind", kind), name("id", id));
        String to = ZKPaths.makePath(QUARANTINE, kind, id);
        connected();
        try {
            Stat stat = new Stat();
            byte[] data;
            try {
                data = client.getData().storingStatIn(stat).forPath(from);
            } catch (KeeperException.NoNodeException e) {
                return false;
            }
            try {
                client.create()
                        .creatingParentsIfNeeded()
                        .forPath(ZKPaths.makePath(QUARANTINE, kind), new byte[0]);
            } catch (KeeperException.NodeExistsException e) {
                log.trace("Quarantine of {} exists", kind, e);
            }
            var ops = client.transactionOp();
            var delete = ops.delete().withVersion(stat.getVersion()).forPath(from);
            var keep =
                    client.checkExists().forPath(to) == null
                            ? ops.create().forPath(to, data)
                            : ops.setData().forPath(to, data);
            try {
                client.transaction().forOperations(delete, keep);
            } catch (KeeperException.NoNodeException | KeeperException.BadVersionException e) {
                log.debug("Intent {}/{} was moved or changed meanwhile", kind, id, e);
                return false;
            }
            log.error("Intent {}/{} moved to ZooKeeper {}: {}", kind, id, to, reason);
            return true;
        } catch (Exception e) {
            throw failed("cannot quarantine intent " + kind + "/" + id, e);
        }
    }

    private static byte[] bytes(long value) {
        return Long.toString(value).getBytes(StandardCharsets.UTF_8);
    }

    private static StoreException failed(String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new StoreException(what + ": " + e, e);
    }
}
