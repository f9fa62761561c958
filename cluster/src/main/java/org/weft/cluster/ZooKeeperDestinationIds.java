package org.weft.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.host.HostId;
import org.weft.net.routing.DestinationIds;
import org.weft.store.IntentStore;
import org.weft.store.StoreException;
import org.weft.util.LogThrottle;

/**
 * Destination numbers shared by the cluster, so that every instance plans a host's routes with the
 * same group id and cookies: {@code /weft/destinations/<mac>-<vlan>} holds the host's number. The
 * first instance to route a host takes the next value of the shared counter ({@code
 * /weft/counters/destination}, compare-and-set), skipping numbers in use, and creates the znode; an
 * instance that loses that race reads the winner's number. Numbers are read from a cache of the
 * znodes: only a host new to the whole cluster costs writes, steady state writes nothing. A
 * released host's znode is deleted (the first instance to forget it deletes it).
 *
 * <p>Without ZooKeeper, a host new to this instance gets a number from the upper half of the range,
 * counted by this instance alone: its routes work, but another instance may number it differently,
 * so a mastership change during the outage re-installs its entries.
 */
public final class ZooKeeperDestinationIds implements DestinationIds {

    private static final Logger log = LoggerFactory.getLogger(ZooKeeperDestinationIds.class);

    static final String DESTINATIONS = ZkPaths.ROOT + "/destinations";

    /** Shared numbers are below this; local ones (during an outage) from here to LIMIT. */
    static final int SHARED = LIMIT / 2;

    private static final int MAX_TRIES = 64;
    private static final String COUNTER_KIND = "destination";

    private final CuratorFramework client;
    private final IntentStore counters;
    private final CuratorCache cache;
    private final Map<String, Integer> shared = new ConcurrentHashMap<>();
    private final Set<Integer> sharedInUse = ConcurrentHashMap.newKeySet();
    private final Map<HostId, Integer> local = new HashMap<>();
    private final LogThrottle outageLog = LogThrottle.every(Duration.ofMinutes(1));
    private int nextLocal = SHARED;
    private volatile Runnable cacheApplied = () -> {};

    ZooKeeperDestinationIds(CuratorFramework client, IntentStore counters) {
        this.client = client;
        this.counters = counters;
        this.cache = CuratorCache.build(client, DESTINATIONS);
        cache.listenable()
                .addListener(
                        CuratorCacheListener.builder()
                                .forCreatesAndChanges((o, n) -> seen(n))
                                .forDeletes(this::gone)
                                .build());
    }

    ZooKeeperDestinationIds start() {
        cache.start();
        return this;
    }

    void close() {
        cache.close();
    }

    static String name(HostId host) {
        return String.format("%012x", host.mac().value())
                + "-"
                + (host.vlan() == HostId.NO_VLAN ? "untagged" : Integer.toString(host.vlan()));
    }

    private static String path(String name) {
        return ZKPaths.makePath(DESTINATIONS, name);
    }

    private void seen(ChildData d) {
        Integer id = parse(d);
        if (id != null) {
            Integer old = shared.put(ZKPaths.getNodeFromPath(d.getPath()), id);
            if (old != null && !old.equals(id)) {
                sharedInUse.remove(old);
            }
            sharedInUse.add(id);
        }
        cacheApplied.run();
    }

    private void gone(ChildData d) {
        Integer id = shared.remove(ZKPaths.getNodeFromPath(d.getPath()));
        if (id != null) {
            sharedInUse.remove(id);
        }
        cacheApplied.run();
    }

    /**
     * Runs {@code r} on the cache's thread after each change of the shared numbers this instance
     * applied (tests wait on it instead of polling); replaces the previous one.
     */
    void onCacheApplied(Runnable r) {
        cacheApplied = r;
    }

    /** Whether this instance's cache holds a shared number for the host. */
    boolean cached(HostId host) {
        return shared.containsKey(name(host));
    }

    private static Integer parse(ChildData d) {
        if (d.getPath().equals(DESTINATIONS) || d.getData() == null) {
            return null;
        }
        try {
            int id = Integer.parseInt(new String(d.getData(), StandardCharsets.UTF_8));
            return id >= 0 && id < SHARED ? id : null;
        } catch (NumberFormatException e) {
            log.warn(
                    "Ignoring destination number {} at {}: not a number", d.getData(), d.getPath());
            return null;
        }
    }

    @Override
    public int idOf(HostId host) {
        Integer id = local.get(host);
        if (id != null) {
            return id;
        }
        String name = name(host);
        id = shared.get(name);
        if (id != null) {
            return id;
        }
        try {
            return allocate(name);
        } catch (StoreException | KeeperException e) {
            return localId(host, e);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return localId(host, e);
        }
    }

    private int allocate(String name) throws Exception {
        if (!client.getZookeeperClient().isConnected()) {
            throw new StoreException("ZooKeeper is unreachable", null);
        }
        for (int i = 0; i < MAX_TRIES; i++) {
            int id = (int) (counters.nextId(COUNTER_KIND) % SHARED);
            if (sharedInUse.contains(id)) {
                continue;
            }
            try {
                client.create()
                        .creatingParentsIfNeeded()
                        .forPath(path(name), Integer.toString(id).getBytes(StandardCharsets.UTF_8));
                shared.put(name, id);
                sharedInUse.add(id);
                return id;
            } catch (KeeperException.NodeExistsException raced) {
                byte[] data = client.getData().forPath(path(name));
                int theirs = Integer.parseInt(new String(data, StandardCharsets.UTF_8));
                log.debug("Destination {} numbered {} by another instance first", name, theirs);
                return theirs;
            }
        }
        throw new IllegalStateException(
                "no free destination number in " + MAX_TRIES + " tries (" + SHARED + " numbers)");
    }

    private int localId(HostId host, Exception why) {
        long left = outageLog.admit();
        if (left >= 0) {
            log.warn(
                    "Destination {} numbered by this instance alone (ZooKeeper: {}); its entries"
                            + " may be re-installed when another instance masters its switches"
                            + " ({} more since the last line)",
                    host,
                    why.toString(),
                    left);
        }
        if (local.size() >= LIMIT - SHARED) {
            throw new IllegalStateException("all local destination numbers are in use");
        }
        while (local.containsValue(nextLocal)) {
            nextLocal = nextLocal + 1 >= LIMIT ? SHARED : nextLocal + 1;
        }
        int id = nextLocal;
        nextLocal = nextLocal + 1 >= LIMIT ? SHARED : nextLocal + 1;
        local.put(host, id);
        return id;
    }

    @Override
    public void release(HostId host) {
        if (local.remove(host) != null) {
            return;
        }
        String name = name(host);
        if (shared.get(name) == null) {
            return;
        }
        if (!client.getZookeeperClient().isConnected()) {
            // Not waiting on the routing thread; the znode stays until the host is routed again.
            log.info("Destination {} not released in ZooKeeper: unreachable", name);
            return;
        }
        try {
            client.delete().forPath(path(name));
        } catch (KeeperException.NoNodeException e) {
            log.debug("Destination {} already released by another instance", name);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.info("Destination {} not released in ZooKeeper now: {}", name, e.toString());
        }
    }
}
