package org.weft.routing;

import org.weft.net.topology.TopologyListener;
import org.weft.net.topology.TopologyService;
import org.weft.net.topology.TopologySnapshot;

/** A topology that never changes. */
record OneSnapshot(TopologySnapshot snapshot) implements TopologyService {
    @Override
    public TopologySnapshot currentSnapshot() {
        return snapshot;
    }

    @Override
    public void addListener(TopologyListener listener) {}

    @Override
    public void removeListener(TopologyListener listener) {}
}
