package org.weft.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;

/**
 * Ephemeral znodes written in batches to a real ZooKeeper server: how many transactions hundreds of
 * switches cost (each transaction takes one zxid, one write one too), an earlier session's znode
 * replaced, and the one-by-one fallback when the cache is wrong or another instance races.
 */
class EphemeralsIT {

    private static final int SWITCHES = 300;
    private static final Function<String, Optional<Stat>> CACHE_EMPTY = p -> Optional.empty();

    private TestingServer zk;
    private CuratorFramework client;
    private CuratorFramework other;

    private CuratorFramework connect() throws InterruptedException {
        return TestInstances.client(zk.getConnectString());
    }

    @BeforeEach
    void setUp() throws Exception {
        zk = new TestingServer(true);
        client = connect();
        other = connect();
    }

    @AfterEach
    void tearDown() throws Exception {
        client.close();
        other.close();
        zk.close();
    }

    private static Map<String, byte[]> sees(int from, int to) {
        Map<String, byte[]> paths = new TreeMap<>();
        for (int i = from; i <= to; i++) {
            paths.put(ZkPaths.sees(Dpid.of(i), "n1"), new byte[0]);
        }
        return paths;
    }

    private long session(CuratorFramework c) throws Exception {
        return c.getZookeeperClient().getZooKeeper().getSessionId();
    }

    /** The zxid of a fresh write: the number of writes (transactions) since the last call. */
    private long zxid() throws Exception {
        String marker = client.create().withMode(CreateMode.EPHEMERAL_SEQUENTIAL).forPath("/mark-");
        return client.checkExists().forPath(marker).getCzxid();
    }

    private void assertAllOwnedBy(Map<String, byte[]> paths, CuratorFramework owner)
            throws Exception {
        long session = session(owner);
        for (String path : paths.keySet()) {
            Stat stat = client.checkExists().forPath(path);
            assertThat(stat).as(path).isNotNull();
            assertThat(stat.getEphemeralOwner()).as(path).isEqualTo(session);
        }
    }

    @Test
    void hundredsOfSwitchesCostAFewTransactions() throws Exception {
        Ephemerals ephemerals = new Ephemerals(client, CACHE_EMPTY);
        Map<String, byte[]> paths = sees(1, SWITCHES);
        long before = zxid();
        ephemerals.addAll(paths);
        long writes = zxid() - before - 1;
        // 302 containers (/weft, /weft/sees, one per switch) and 300 znodes: two transactions each.
        assertThat(writes).isEqualTo(4);
        assertAllOwnedBy(paths, client);
    }

    @Test
    void aZnodeLeftByAnEarlierSessionIsReplacedInTheTransaction() throws Exception {
        String left = ZkPaths.sees(Dpid.of(7), "n1");
        other.create()
                .creatingParentContainersIfNeeded()
                .withMode(CreateMode.EPHEMERAL)
                .forPath(left);
        // The cache as it would be: it holds what exists.
        Ephemerals ephemerals = new Ephemerals(client, p -> Optional.ofNullable(exists(p)));
        Map<String, byte[]> paths = sees(1, 10);
        long before = zxid();
        ephemerals.addAll(paths);
        assertThat(zxid() - before - 1)
                .as("containers and znodes, one transaction each")
                .isEqualTo(2);
        assertAllOwnedBy(paths, client);
    }

    private Stat exists(String path) {
        try {
            return client.checkExists().forPath(path);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aCacheThatHoldsWhatIsGoneFallsBackToOneByOne() throws Exception {
        long session = session(client);
        Stat ours = new Stat();
        ours.setEphemeralOwner(session);
        // The cache claims every znode and parent exists in this session: nothing does.
        Ephemerals ephemerals = new Ephemerals(client, p -> Optional.of(ours));
        Map<String, byte[]> paths = sees(1, 20);
        ephemerals.addAll(paths);
        assertAllOwnedBy(paths, client);
    }

    @Test
    void containersAnotherInstanceMadeMeanwhileAreNoError() throws Exception {
        Map<String, byte[]> paths = sees(1, SWITCHES);
        // Another instance created half the parents; this instance's cache has not seen them yet.
        for (int i = 1; i <= SWITCHES; i += 2) {
            other.createContainers(
                    org.apache.curator.utils.ZKPaths.makePath(
                            ZkPaths.SEES, ZkPaths.dpidName(Dpid.of(i))));
        }
        Ephemerals ephemerals = new Ephemerals(client, CACHE_EMPTY);
        long before = zxid();
        ephemerals.addAll(paths);
        // Failed transactions take a zxid too; one by one would be hundreds.
        assertThat(zxid() - before - 1).isLessThan(10);
        assertAllOwnedBy(paths, client);
    }

    @Test
    void ensureAllRecreatesWhatIsMissingAndLeavesWhatIsThere() throws Exception {
        Ephemerals ephemerals = new Ephemerals(client, p -> Optional.ofNullable(exists(p)));
        Map<String, byte[]> paths = sees(1, 50);
        ephemerals.addAll(paths);
        // Some vanish (as with a session that expired), one is another session's now.
        client.delete().forPath(ZkPaths.sees(Dpid.of(3), "n1"));
        client.delete().forPath(ZkPaths.sees(Dpid.of(4), "n1"));
        client.delete().forPath(ZkPaths.sees(Dpid.of(5), "n1"));
        other.create().withMode(CreateMode.EPHEMERAL).forPath(ZkPaths.sees(Dpid.of(5), "n1"));
        ephemerals.ensureAll();
        assertAllOwnedBy(paths, client);
        // Everything in place: one transaction of checks, nothing created.
        long before = zxid();
        ephemerals.ensureAll();
        assertThat(zxid() - before - 1).isLessThanOrEqualTo(1);
        assertAllOwnedBy(paths, client);
    }

    @Test
    void aRemovedZnodeIsGoneAndNotRecreated() throws Exception {
        Ephemerals ephemerals = new Ephemerals(client, CACHE_EMPTY);
        ephemerals.addAll(sees(1, 3));
        ephemerals.remove(ZkPaths.sees(Dpid.of(2), "n1"));
        ephemerals.ensureAll();
        assertThat(client.checkExists().forPath(ZkPaths.sees(Dpid.of(2), "n1"))).isNull();
        assertAllOwnedBy(Map.of(ZkPaths.sees(Dpid.of(3), "n1"), new byte[0]), client);
    }
}
