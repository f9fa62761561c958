package org.weft.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;

/**
 * Instances of the cluster module, and plain Curator clients, for tests against a real ZooKeeper
 * server.
 */
final class TestInstances {

    private TestInstances() {}

    /** A started instance (not a mastership candidate) connected to {@code connect}. */
    static ZooKeeperMastership join(String connect, String id) throws InterruptedException {
        ZooKeeperMastership m =
                new ZooKeeperMastership(new ClusterConfig(connect, id, id, Duration.ofSeconds(2)))
                        .start();
        assertThat(m.awaitConnected(Duration.ofSeconds(10))).isTrue();
        return m;
    }

    /** A started plain Curator client connected to {@code connect} (one retry after 100 ms). */
    static CuratorFramework client(String connect) throws InterruptedException {
        CuratorFramework c = CuratorFrameworkFactory.newClient(connect, new RetryOneTime(100));
        c.start();
        assertThat(c.blockUntilConnected(10, TimeUnit.SECONDS)).isTrue();
        return c;
    }
}
