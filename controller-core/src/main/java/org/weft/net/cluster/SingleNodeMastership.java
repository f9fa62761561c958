package org.weft.net.cluster;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.weft.net.Dpid;

/**
 * One instance without ZooKeeper: master of every switch, forever (generation 0, role requests are
 * the driver's own {@code openflow.sendRoleRequest}).
 */
public final class SingleNodeMastership implements MastershipService {

    private final String nodeId;
    private final String address;
    private final Set<Dpid> connected = ConcurrentHashMap.newKeySet();

    public SingleNodeMastership(String nodeId, String address) {
        this.nodeId = checkNotNull(nodeId, "nodeId");
        this.address = checkNotNull(address, "address");
    }

    @Override
    public MastershipRole role(Dpid dpid) {
        return MastershipRole.MASTER;
    }

    @Override
    public long generationId(Dpid dpid) {
        return 0;
    }

    @Override
    public boolean clustered() {
        return false;
    }

    @Override
    public void switchConnected(Dpid dpid) {
        connected.add(dpid);
    }

    @Override
    public void switchDisconnected(Dpid dpid) {
        connected.remove(dpid);
    }

    @Override
    public void stepDown(Dpid dpid, long generationId) {
        // Nothing to step down to: no other instance exists.
    }

    @Override
    public ClusterView view() {
        return new ClusterView(
                nodeId,
                false,
                List.of(new ClusterNode(nodeId, address, true, connected.size())),
                nodeId,
                "NONE",
                connected.stream()
                        .collect(
                                Collectors.toMap(
                                        Dpid::toString, d -> nodeId, (a, b) -> a, TreeMap::new)));
    }

    @Override
    public void addListener(MastershipListener listener) {
        // Roles never change.
    }

    @Override
    public void removeListener(MastershipListener listener) {
        // Roles never change.
    }
}
