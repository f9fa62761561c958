package org.weft.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's ephemeral znodes (its membership, the switches it sees), kept present across
 * sessions: {@link #ensureAll} recreates them after a new session (called on every (re)connect).
 * Closing the session removes them all at once, so nothing here blocks on a close without ZooKeeper
 * (Curator's PersistentNode deletes each one first, retrying while disconnected). Called from one
 * thread (the cluster's work thread) or the Curator event thread; paths are kept in a concurrent
 * map.
 */
final class Ephemerals {

    private static final Logger log = LoggerFactory.getLogger(Ephemerals.class);

    private final CuratorFramework client;
    private final Map<String, byte[]> wanted = new ConcurrentHashMap<>();

    Ephemerals(CuratorFramework client) {
        this.client = client;
    }

    /** Registers the znode and creates it now if connected (else on the next connect). */
    void add(String path, byte[] data) {
        wanted.put(path, data);
        if (client.getZookeeperClient().isConnected()) {
            ensure(path, data);
        }
    }

    /** Forgets the znode and deletes it now if connected (else it goes with the session). */
    void remove(String path) {
        if (wanted.remove(path) != null && client.getZookeeperClient().isConnected()) {
            try {
                client.delete().forPath(path);
            } catch (KeeperException.NoNodeException e) {
                log.debug("Ephemeral {} already gone", path, e);
            } catch (Exception e) {
                log.warn("Cannot delete {}: {} (it goes with the session)", path, e.toString());
            }
        }
    }

    /** Creates every registered znode that is missing or left by an older session of ours. */
    void ensureAll() {
        wanted.forEach(this::ensure);
    }

    private void ensure(String path, byte[] data) {
        try {
            long session = client.getZookeeperClient().getZooKeeper().getSessionId();
            Stat stat = client.checkExists().forPath(path);
            if (stat != null && stat.getEphemeralOwner() == session) {
                return;
            }
            if (stat != null) {
                // Left by an earlier session (a restart within the session timeout): replace it,
                // or it would vanish when that session expires.
                client.delete().forPath(path);
            }
            client.create()
                    .creatingParentContainersIfNeeded()
                    .withMode(CreateMode.EPHEMERAL)
                    .forPath(path, data);
        } catch (KeeperException.NodeExistsException | KeeperException.NoNodeException e) {
            log.debug(
                    "Ephemeral {} changed while being ensured; next connect checks again", path, e);
        } catch (Exception e) {
            log.warn("Cannot create {}: {} (retried on the next connect)", path, e.toString());
        }
    }
}
