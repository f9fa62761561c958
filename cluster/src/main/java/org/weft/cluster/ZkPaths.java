package org.weft.cluster;

import org.apache.curator.utils.ZKPaths;
import org.weft.net.Dpid;

/**
 * Where the cluster keeps what in ZooKeeper (docs/cluster.md):
 *
 * <ul>
 *   <li>{@code /weft/nodes/<node>}: ephemeral, one per live instance, its address as data;
 *   <li>{@code /weft/sees/<dpid>/<node>}: ephemeral, the instance is connected to the switch;
 *   <li>{@code /weft/leader}: the leader latch;
 *   <li>{@code /weft/masters/<dpid>}: persistent, the master's node id; its {@code mzxid} (the
 *       ZooKeeper transaction that last set it, which only grows) is the OpenFlow generation id.
 * </ul>
 *
 * <p>Intent lives under {@code /weft/intents} ({@link ZooKeeperIntentStore}), the shared links and
 * hosts under {@code /weft/links} and {@code /weft/hosts} ({@link
 * org.weft.cluster.topology.ZooKeeperTopology}).
 */
final class ZkPaths {

    static final String ROOT = "/weft";
    static final String NODES = ROOT + "/nodes";
    static final String SEES = ROOT + "/sees";
    static final String LEADER = ROOT + "/leader";
    static final String MASTERS = ROOT + "/masters";

    private ZkPaths() {}

    static String dpidName(Dpid dpid) {
        return String.format("%016x", dpid.value());
    }

    static Dpid dpidOf(String name) {
        return Dpid.of(Long.parseUnsignedLong(name, 16));
    }

    static String node(String nodeId) {
        return ZKPaths.makePath(NODES, nodeId);
    }

    static String sees(Dpid dpid, String nodeId) {
        return ZKPaths.makePath(SEES, dpidName(dpid), nodeId);
    }

    static String master(Dpid dpid) {
        return ZKPaths.makePath(MASTERS, dpidName(dpid));
    }
}
