package org.weft.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;

/**
 * The leader's master writes on a real ZooKeeper server: in transactions also when its picture of
 * which master znodes exist is out of date (a cache that has not shown its last writes yet).
 */
class MasterWritesIT {

    private static final int SWITCHES = 300;

    private TestingServer zk;
    private CuratorFramework client;

    @BeforeEach
    void setUp() throws Exception {
        zk = new TestingServer(true);
        client = TestInstances.client(zk.getConnectString());
    }

    @AfterEach
    void tearDown() throws Exception {
        client.close();
        zk.close();
    }

    private long zxid() throws Exception {
        String marker = client.create().withMode(CreateMode.EPHEMERAL_SEQUENTIAL).forPath("/mark-");
        return client.checkExists().forPath(marker).getCzxid();
    }

    private static Map<Dpid, String> all(String master) {
        Map<Dpid, String> m = new TreeMap<>();
        for (int i = 1; i <= SWITCHES; i++) {
            m.put(Dpid.of(i), master);
        }
        return m;
    }

    private String master(int dpid) throws Exception {
        return new String(
                client.getData().forPath(ZkPaths.master(Dpid.of(dpid))), StandardCharsets.UTF_8);
    }

    @Test
    void writesThatThePictureTakesForNewAreStillTransactions() throws Exception {
        MasterWrites writes = new MasterWrites(client);
        assertThat(writes.write(all("n1"), Map.of())).hasSize(SWITCHES);
        // Moved again while the picture still shows no master znode at all.
        long before = zxid();
        assertThat(writes.write(all("n2"), Map.of())).hasSize(SWITCHES);
        // Two failed transactions, two again after listing the znodes (and no container).
        assertThat(zxid() - before - 1).isLessThanOrEqualTo(4);
        for (int i = 1; i <= SWITCHES; i++) {
            assertThat(master(i)).as("switch %d", i).isEqualTo("n2");
        }
    }

    @Test
    void aPictureThatTakesMissingZnodesForPresentIsCorrectedToo() throws Exception {
        MasterWrites writes = new MasterWrites(client);
        assertThat(writes.write(all("n1"), all("n0"))).hasSize(SWITCHES);
        for (int i = 1; i <= SWITCHES; i++) {
            assertThat(master(i)).as("switch %d", i).isEqualTo("n1");
        }
    }
}
