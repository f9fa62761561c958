package org.weft.net.cluster;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * One instance of the cluster.
 *
 * @param id its node id ({@code cluster.nodeId})
 * @param address where it listens (host and OpenFlow port), as it registered itself
 * @param alive whether it holds a live ZooKeeper session
 * @param switchesMastered how many switches it masters now
 */
public record ClusterNode(String id, String address, boolean alive, int switchesMastered) {
    public ClusterNode {
        checkNotNull(id, "id");
        checkNotNull(address, "address");
    }
}
