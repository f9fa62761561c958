package org.weft.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weft.net.MacAddress;
import org.weft.net.host.HostId;
import org.weft.net.routing.DestinationIds;

/** Destination numbers kept in a real ZooKeeper server: two instances number hosts alike. */
class ZooKeeperDestinationIdsIT {

    private TestingServer zk;
    private ZooKeeperMastership a;
    private ZooKeeperMastership b;

    private ZooKeeperMastership join(String id) throws Exception {
        return TestInstances.join(zk.getConnectString(), id);
    }

    private static HostId host(int i) {
        return HostId.of(MacAddress.of(0x020000000000L + i), i % 2 == 0 ? HostId.NO_VLAN : 10);
    }

    @BeforeEach
    void setUp() throws Exception {
        zk = new TestingServer(true);
        a = join("a");
        b = join("b");
    }

    @AfterEach
    void tearDown() throws Exception {
        a.close();
        b.close();
        zk.close();
    }

    @Test
    void twoInstancesGiveEveryHostTheSameNumberWhoeverNumberedItFirst() {
        DestinationIds ia = a.destinationIds();
        DestinationIds ib = b.destinationIds();
        Set<Integer> numbers = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            // Alternate which instance meets the host first.
            DestinationIds first = i % 2 == 0 ? ia : ib;
            DestinationIds second = i % 2 == 0 ? ib : ia;
            int n = first.idOf(host(i));
            assertThat(second.idOf(host(i))).as("host %d", i).isEqualTo(n);
            assertThat(first.idOf(host(i))).isEqualTo(n);
            assertThat(n).isBetween(0, ZooKeeperDestinationIds.SHARED - 1);
            numbers.add(n);
        }
        assertThat(numbers).as("distinct numbers for distinct hosts").hasSize(20);
    }

    @Test
    void aReleasedHostIsNumberedAnewAndTheNumberIsNotReusedAtOnce() throws Exception {
        ZooKeeperDestinationIds ia = a.destinationIds();
        ZooKeeperDestinationIds ib = b.destinationIds();
        int n = ia.idOf(host(1));
        awaitCached(ib, host(1), true);
        ia.release(host(1));
        // Both caches learn of the deletion; then the host is new to the cluster.
        awaitCached(ia, host(1), false);
        awaitCached(ib, host(1), false);
        int again = ib.idOf(host(1));
        assertThat(again).isNotEqualTo(n);
        assertThat(ia.idOf(host(1))).isEqualTo(again);
    }

    @Test
    void withoutZooKeeperANewHostGetsALocalNumberAndKnownOnesKeepTheirs() throws Exception {
        CountDownLatch disconnected = new CountDownLatch(1);
        try (CuratorFramework client =
                CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100))) {
            client.getConnectionStateListenable()
                    .addListener(
                            (c, state) -> {
                                if (!state.isConnected()) {
                                    disconnected.countDown();
                                }
                            });
            client.start();
            assertThat(client.blockUntilConnected(10, TimeUnit.SECONDS)).isTrue();
            ZooKeeperIntentStore counters = new ZooKeeperIntentStore(client);
            ZooKeeperDestinationIds ia = new ZooKeeperDestinationIds(client, counters).start();
            try {
                int known = ia.idOf(host(1));
                zk.stop();
                assertThat(disconnected.await(10, TimeUnit.SECONDS)).isTrue();
                assertThat(ia.idOf(host(1))).isEqualTo(known);
                int local = ia.idOf(host(2));
                assertThat(local)
                        .isBetween(ZooKeeperDestinationIds.SHARED, DestinationIds.LIMIT - 1);
                assertThat(ia.idOf(host(2))).isEqualTo(local);
                assertThat(ia.idOf(host(3))).isNotEqualTo(local);
            } finally {
                ia.close();
                counters.close();
            }
        }
    }

    /** Waits for the instance's cache to hold (or no longer hold) a number for the host. */
    private static void awaitCached(ZooKeeperDestinationIds ids, HostId host, boolean held)
            throws InterruptedException {
        CountDownLatch reached = new CountDownLatch(1);
        ids.onCacheApplied(
                () -> {
                    if (ids.cached(host) == held) {
                        reached.countDown();
                    }
                });
        if (ids.cached(host) == held) {
            reached.countDown();
        }
        try {
            assertThat(reached.await(10, TimeUnit.SECONDS))
                    .as("%s %s in the cache", host, held ? "present" : "gone")
                    .isTrue();
        } finally {
            ids.onCacheApplied(() -> {});
        }
    }
}
