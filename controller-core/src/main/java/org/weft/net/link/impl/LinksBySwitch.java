package org.weft.net.link.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.weft.net.Dpid;
import org.weft.net.Link;

/**
 * The links leaving or entering each switch, so that questions about one switch or port do not walk
 * every link (22,000 on a 980-switch fat tree, asked once per port-statistics reply). The {@link
 * LinkManager} changes it only inside its map's compute of the link, so it holds exactly the links
 * known. Thread-safe.
 */
final class LinksBySwitch {

    private final Map<Dpid, Set<Link>> touching = new ConcurrentHashMap<>();

    void add(Link l) {
        at(l.srcDpid()).add(l);
        at(l.dstDpid()).add(l);
    }

    void remove(Link l) {
        for (Dpid d : List.of(l.srcDpid(), l.dstDpid())) {
            Set<Link> at = touching.get(d);
            if (at != null) {
                at.remove(l);
            }
        }
    }

    /** The links leaving or entering the switch (a copy). */
    List<Link> touching(Dpid dpid) {
        Set<Link> at = touching.get(dpid);
        return at == null ? List.of() : new ArrayList<>(at);
    }

    private Set<Link> at(Dpid dpid) {
        return touching.computeIfAbsent(dpid, d -> ConcurrentHashMap.newKeySet());
    }
}
