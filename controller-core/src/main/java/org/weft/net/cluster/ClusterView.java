package org.weft.net.cluster;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The cluster as this instance sees it now.
 *
 * @param localNode this instance's node id
 * @param clustered whether Weft runs as a cluster (false: one instance without ZooKeeper)
 * @param nodes every known instance, this one included
 * @param leader the node id of the instance that assigns mastership, or null when none is known
 * @param zookeeper the ZooKeeper connection state ({@code CONNECTED}, {@code SUSPENDED}, {@code
 *     LOST}, ...; {@code NONE} for a single instance)
 * @param masters each switch's master (node id), by DPID as printed ({@code
 *     00:00:00:00:00:00:00:01}), in DPID order
 */
public record ClusterView(
        String localNode,
        boolean clustered,
        List<ClusterNode> nodes,
        String leader,
        String zookeeper,
        SortedMap<String, String> masters) {
    public ClusterView {
        checkNotNull(localNode, "localNode");
        nodes = List.copyOf(nodes);
        checkNotNull(zookeeper, "zookeeper");
        masters = Collections.unmodifiableSortedMap(new TreeMap<>(masters));
    }
}
