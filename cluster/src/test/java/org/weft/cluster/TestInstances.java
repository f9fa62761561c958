package org.weft.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

/** Instances of the cluster module for tests against a real ZooKeeper server. */
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
}
