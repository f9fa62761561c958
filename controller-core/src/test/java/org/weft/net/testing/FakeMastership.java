package org.weft.net.testing;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.weft.event.ListenerRegistry;
import org.weft.net.Dpid;
import org.weft.net.cluster.ClusterNode;
import org.weft.net.cluster.ClusterView;
import org.weft.net.cluster.MastershipEvent;
import org.weft.net.cluster.MastershipListener;
import org.weft.net.cluster.MastershipRole;
import org.weft.net.cluster.MastershipService;

/** A cluster's mastership set by the test: roles given by hand, events delivered at once. */
public final class FakeMastership implements MastershipService {

    private final String nodeId;
    private final Map<Dpid, MastershipEvent> roles = new ConcurrentHashMap<>();
    public final Set<Dpid> connected = ConcurrentHashMap.newKeySet();
    public final Map<Dpid, Long> steppedDown = new ConcurrentHashMap<>();
    private final ListenerRegistry<MastershipEvent, MastershipListener> listeners =
            new ListenerRegistry<>(Runnable::run);

    public FakeMastership(String nodeId) {
        this.nodeId = nodeId;
    }

    /** Makes {@code master} the switch's master at this generation and tells the listeners. */
    public void assign(Dpid dpid, String master, long generation) {
        MastershipRole role = master.equals(nodeId) ? MastershipRole.MASTER : MastershipRole.SLAVE;
        MastershipEvent e = new MastershipEvent(dpid, role, master, generation);
        roles.put(dpid, e);
        listeners.post(e);
    }

    @Override
    public MastershipRole role(Dpid dpid) {
        MastershipEvent e = roles.get(dpid);
        return e == null ? MastershipRole.NONE : e.role();
    }

    @Override
    public long generationId(Dpid dpid) {
        MastershipEvent e = roles.get(dpid);
        return e == null ? 0 : e.generationId();
    }

    @Override
    public boolean clustered() {
        return true;
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
        steppedDown.put(dpid, generationId);
    }

    @Override
    public ClusterView view() {
        return new ClusterView(
                nodeId,
                true,
                List.of(new ClusterNode(nodeId, "", true, 0)),
                nodeId,
                "CONNECTED",
                new TreeMap<>());
    }

    @Override
    public void addListener(MastershipListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(MastershipListener listener) {
        listeners.remove(listener);
    }
}
