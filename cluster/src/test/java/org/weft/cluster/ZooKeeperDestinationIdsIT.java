package org.weft.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
        DestinationIds ia = a.destinationIds();
        DestinationIds ib = b.destinationIds();
        int n = ia.idOf(host(1));
        ia.release(host(1));
        // b's cache learns of the deletion; then the host is new to the cluster.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int again = ib.idOf(host(1));
        while (again == n && System.nanoTime() < deadline) {
            ib.release(host(1));
            Thread.sleep(50);
            again = ib.idOf(host(1));
        }
        assertThat(again).isNotEqualTo(n);
        assertThat(ia.idOf(host(1))).isEqualTo(again);
    }

    @Test
    void withoutZooKeeperANewHostGetsALocalNumberAndKnownOnesKeepTheirs() throws Exception {
        DestinationIds ia = a.destinationIds();
        int known = ia.idOf(host(1));
        zk.stop();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (a.view().zookeeper().equals("CONNECTED") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(ia.idOf(host(1))).isEqualTo(known);
        int local = ia.idOf(host(2));
        assertThat(local).isBetween(ZooKeeperDestinationIds.SHARED, DestinationIds.LIMIT - 1);
        assertThat(ia.idOf(host(2))).isEqualTo(local);
        assertThat(ia.idOf(host(3))).isNotEqualTo(local);
    }
}
