package org.weft.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's ephemeral znodes (its membership, the switches it sees), kept present across
 * sessions: {@link #ensureAll} recreates them after a new session (called on every (re)connect),
 * and a znode left by an earlier session of ours is replaced. Many at once (an instance offering
 * hundreds of switches, a reconnect) go to ZooKeeper in transactions of up to {@value #BATCH}
 * operations, one round trip each: the missing parent containers first ({@link ParentContainers}),
 * then the znodes. What to write is decided from the cache of {@code /weft} ({@code cached}), which
 * may lag: a transaction that fails is done again one znode at a time, each checked first. Closing
 * the session removes them all at once, so nothing here blocks on a close without ZooKeeper
 * (Curator's PersistentNode deletes each one first, retrying while disconnected). Called from one
 * thread (the cluster's work thread) or the Curator event thread; paths are kept in a concurrent
 * map.
 */
final class Ephemerals {

    private static final Logger log = LoggerFactory.getLogger(Ephemerals.class);
    static final int BATCH = 256;

    private final CuratorFramework client;
    private final Function<String, Optional<Stat>> cached;
    private final ParentContainers parents;
    private final Map<String, byte[]> wanted = new ConcurrentHashMap<>();

    /**
     * @param cached what the cache of {@code /weft} knows of a path (its stat if it holds it): a
     *     hint, every write is still checked by ZooKeeper
     */
    Ephemerals(CuratorFramework client, Function<String, Optional<Stat>> cached) {
        this.client = client;
        this.cached = cached;
        this.parents = new ParentContainers(client, p -> cached.apply(p).isPresent());
    }

    /** Registers the znode and creates it now if connected (else on the next connect). */
    void add(String path, byte[] data) {
        addAll(Map.of(path, data));
    }

    /** Registers the znodes and creates them now, batched, if connected (else on the next one). */
    void addAll(Map<String, byte[]> paths) {
        wanted.putAll(paths);
        if (client.getZookeeperClient().isConnected()) {
            ensure(paths);
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
        ensure(new HashMap<>(wanted));
    }

    private void ensure(Map<String, byte[]> paths) {
        if (paths.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        long session;
        try {
            session = client.getZookeeperClient().getZooKeeper().getSessionId();
        } catch (Exception e) {
            log.warn(
                    "Cannot create {} ephemeral(s): {} (retried on the next connect)",
                    paths.size(),
                    e.toString());
            return;
        }
        parents.create(paths.keySet());
        List<String> batch = new ArrayList<>();
        List<CuratorOp> ops = new ArrayList<>();
        int transactions = 0;
        int oneByOne = 0;
        for (Map.Entry<String, byte[]> e : new TreeMap<>(paths).entrySet()) {
            List<CuratorOp> mine = ops(e.getKey(), e.getValue(), session);
            if (mine.isEmpty()) {
                continue; // (logged)
            }
            if (ops.size() + mine.size() > BATCH) {
                transactions++;
                oneByOne += commit(batch, ops, paths, session);
            }
            batch.add(e.getKey());
            ops.addAll(mine);
        }
        transactions++;
        oneByOne += commit(batch, ops, paths, session);
        log.debug(
                "{} ephemeral(s) ensured in {} transaction(s), {} one by one, {} ms",
                paths.size(),
                transactions,
                oneByOne,
                (System.nanoTime() - start) / 1_000_000);
    }

    /** What makes {@code path} present in this session, as the cache tells it. */
    private List<CuratorOp> ops(String path, byte[] data, long session) {
        Optional<Stat> stat = cached.apply(path);
        List<CuratorOp> ops = new ArrayList<>(2);
        try {
            if (stat.isPresent() && stat.get().getEphemeralOwner() == session) {
                ops.add(client.transactionOp().check().forPath(path)); // fails if it is gone
                return ops;
            }
            if (stat.isPresent()) {
                // Left by an earlier session (a restart within the session timeout): replace it,
                // or it would vanish when that session expires.
                ops.add(client.transactionOp().delete().forPath(path));
            }
            ops.add(
                    client.transactionOp()
                            .create()
                            .withMode(CreateMode.EPHEMERAL)
                            .forPath(path, data));
        } catch (Exception e) {
            log.warn("Cannot prepare {}: {} (retried on the next connect)", path, e.toString());
            return List.of();
        }
        return ops;
    }

    /**
     * Runs {@code ops} as one transaction, or {@code batch} one by one if it fails; clears both.
     *
     * @return how many znodes were done one by one
     */
    private int commit(
            List<String> batch, List<CuratorOp> ops, Map<String, byte[]> data, long session) {
        if (batch.isEmpty()) {
            return 0;
        }
        int oneByOne = 0;
        try {
            client.transaction().forOperations(ops);
        } catch (Exception e) {
            log.debug(
                    "Ephemeral transaction of {} znode(s) failed ({}); one by one",
                    batch.size(),
                    e.toString());
            batch.forEach(path -> ensureOne(path, data.get(path), session));
            oneByOne = batch.size();
        }
        batch.clear();
        ops.clear();
        return oneByOne;
    }

    private void ensureOne(String path, byte[] data, long session) {
        try {
            Stat stat = client.checkExists().forPath(path);
            if (stat != null && stat.getEphemeralOwner() == session) {
                return;
            }
            if (stat != null) {
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
