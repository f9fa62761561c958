package org.weft.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;

/**
 * Offers and withdrawals of switches folded into one task of the work thread (here a queue run by
 * the test), written to a real ZooKeeper server.
 */
class SeenSwitchesIT {

    private TestingServer zk;
    private CuratorFramework client;
    private final Queue<Runnable> work = new ArrayDeque<>();
    private final Set<Dpid> connected = ConcurrentHashMap.newKeySet();
    private SeenSwitches sees;

    @BeforeEach
    void setUp() throws Exception {
        zk = new TestingServer(true);
        client = TestInstances.client(zk.getConnectString());
        Ephemerals ephemerals = new Ephemerals(client, p -> Optional.empty());
        sees = new SeenSwitches(ephemerals, "n1", connected::contains, work::add);
    }

    @AfterEach
    void tearDown() throws Exception {
        client.close();
        zk.close();
    }

    private boolean seen(int dpid) throws Exception {
        return client.checkExists().forPath(ZkPaths.sees(Dpid.of(dpid), "n1")) != null;
    }

    private void offer(int dpid) {
        connected.add(Dpid.of(dpid));
        sees.offer(Dpid.of(dpid));
    }

    private void runWork() {
        while (!work.isEmpty()) {
            work.poll().run();
        }
    }

    @Test
    void offersArrivingTogetherAreOneTask() throws Exception {
        for (int i = 1; i <= 300; i++) {
            offer(i);
        }
        assertThat(work).hasSize(1);
        runWork();
        for (int i = 1; i <= 300; i++) {
            assertThat(seen(i)).as("switch %d", i).isTrue();
        }
        // The next offer is a task of its own.
        offer(301);
        assertThat(work).hasSize(1);
        runWork();
        assertThat(seen(301)).isTrue();
    }

    @Test
    void theLastWordForASwitchCounts() throws Exception {
        offer(1);
        offer(2);
        runWork();
        // Switch 1 disconnects and connects again, offered anew, before the task runs.
        connected.remove(Dpid.of(1));
        sees.withdraw(Dpid.of(1));
        offer(1);
        // Switch 2 disconnects; switch 3 is offered and disconnects before the task runs.
        connected.remove(Dpid.of(2));
        sees.withdraw(Dpid.of(2));
        offer(3);
        connected.remove(Dpid.of(3));
        sees.withdraw(Dpid.of(3));
        assertThat(work).hasSize(1);
        runWork();
        assertThat(seen(1)).isTrue();
        assertThat(seen(2)).isFalse();
        assertThat(seen(3)).isFalse();
    }

    @Test
    void aSwitchNoLongerConnectedWhenTheTaskRunsIsNotRegistered() throws Exception {
        offer(4);
        connected.remove(Dpid.of(4)); // its withdrawal has not come yet
        runWork();
        assertThat(seen(4)).isFalse();
    }
}
