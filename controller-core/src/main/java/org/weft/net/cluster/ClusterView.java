package org.weft.net.cluster;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;

/**
 * The cluster as this instance sees it now.
 *
 * @param localNode this instance's node id
 * @param clustered whether Weft runs as a cluster (false: one instance without ZooKeeper)
 * @param nodes every known instance, this one included
 * @param leader the node id of the instance that assigns mastership, or null when none is known
 * @param zookeeper the ZooKeeper connection state ({@code CONNECTED}, {@code SUSPENDED}, {@code
 *     LOST}, ...; {@code NONE} for a single instance)
 */
public record ClusterView(
        String localNode,
        boolean clustered,
        List<ClusterNode> nodes,
        String leader,
        String zookeeper) {
    public ClusterView {
        checkNotNull(localNode, "localNode");
        nodes = List.copyOf(nodes);
        checkNotNull(zookeeper, "zookeeper");
    }
}
