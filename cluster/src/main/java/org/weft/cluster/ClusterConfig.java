package org.weft.cluster;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;

/**
 * How this instance joins the cluster.
 *
 * @param zookeeper the ZooKeeper connect string ({@code host:port,host:port[/chroot]})
 * @param nodeId this instance's id, unique in the cluster (letters, digits, {@code . _ : -})
 * @param address where this instance can be reached (shown to operators)
 * @param sessionTimeout the ZooKeeper session timeout: how long a dead instance keeps its switches
 */
public record ClusterConfig(
        String zookeeper, String nodeId, String address, Duration sessionTimeout) {

    /** The default session timeout ({@code cluster.sessionTimeoutMs}). */
    public static final long DEFAULT_SESSION_TIMEOUT_MS = 3_000;

    public ClusterConfig {
        checkNotNull(zookeeper, "cluster.zookeeper");
        checkNotNull(nodeId, "cluster.nodeId");
        checkNotNull(address, "address");
        checkNotNull(sessionTimeout, "cluster.sessionTimeoutMs");
        checkArgument(
                !zookeeper.isBlank() && !zookeeper.contains(" "),
                "cluster.zookeeper must be a connect string such as zk1:2181,zk2:2181");
        checkArgument(
                nodeId.matches("[A-Za-z0-9._:-]{1,128}"),
                "cluster.nodeId must be 1 to 128 letters, digits, '.', '_', ':' or '-'");
        long ms = sessionTimeout.toMillis();
        checkArgument(
                ms >= 1_000 && ms <= 60_000,
                "cluster.sessionTimeoutMs must be between 1000 and 60000");
    }
}
