package org.weft.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.weft.net.ConnectPoint;
import org.weft.net.Link;
import org.weft.net.topology.TopologySnapshot;

/**
 * A snapshot's links by the port they leave, built once per snapshot and kept with it: which link a
 * rule's output port feeds is one lookup, not a walk over the switch's links.
 */
final class LinksBySource {

    private final Map<ConnectPoint, List<Link>> bySource;

    private LinksBySource(TopologySnapshot topo) {
        bySource = new HashMap<>(topo.links().size() * 2);
        for (Link l : topo.links()) {
            bySource.computeIfAbsent(l.src(), p -> new ArrayList<>(1)).add(l);
        }
    }

    static LinksBySource of(TopologySnapshot topo) {
        return topo.derived(LinksBySource.class, LinksBySource.class, LinksBySource::new);
    }

    /** The links leaving the port; empty when none. */
    List<Link> from(ConnectPoint port) {
        return bySource.getOrDefault(port, List.of());
    }
}
