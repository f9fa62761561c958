package org.weft.routing;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.Group;
import org.weft.net.topology.TopologySnapshot;

/**
 * Which plan keys (destinations) send traffic over which link, so that a lost link re-plans exactly
 * the destinations that used it instead of re-planning everything. A key uses a link when one of
 * its rules or group buckets outputs to the link's source port (backup buckets included).
 *
 * <p>Kept per key only, by the switch the links leave: with multipath a destination uses nearly
 * every link of the fabric, so a reverse map from link to keys would hold keys x links entries (8.6
 * million on the 980-switch fat tree with 392 hosts) and updating it was most of the routing
 * thread's work; asking which keys use some links costs one lookup per key and lost link instead.
 */
final class LinkRouteIndex {

    /** Per key, the links it uses, by the switch they leave. Written by the routing thread. */
    private final Map<PlanKey, Map<Dpid, Set<Link>>> linksByKey = new ConcurrentHashMap<>();

    /** Records the links a key's new plan uses, replacing what it used before. */
    void put(PlanKey key, RoutingPlan plan, TopologySnapshot topo) {
        Map<Dpid, Set<Link>> after = new HashMap<>();
        for (Dpid s : plan.switches()) {
            Set<Link> used = linksUsedAt(plan, topo, s);
            if (!used.isEmpty()) {
                after.put(s, used);
            }
        }
        if (after.isEmpty()) {
            linksByKey.remove(key);
        } else {
            linksByKey.put(key, after);
        }
    }

    /**
     * Records a key's new plan when only the switches in {@code rebuilt} may have changed entries
     * (the others kept theirs, over links that still exist): only the links leaving those switches
     * are looked at again.
     */
    void update(PlanKey key, RoutingPlan plan, TopologySnapshot topo, Set<Dpid> rebuilt) {
        Map<Dpid, Set<Link>> links = linksByKey.get(key);
        if (links == null) {
            put(key, plan, topo);
            return;
        }
        for (Dpid s : rebuilt) {
            Set<Link> used = linksUsedAt(plan, topo, s);
            if (used.isEmpty()) {
                links.remove(s);
            } else {
                links.put(s, used);
            }
        }
        if (links.isEmpty()) {
            linksByKey.remove(key);
        }
    }

    void remove(PlanKey key) {
        linksByKey.remove(key);
    }

    /** Keys whose routes use any of the links. */
    Set<PlanKey> keysUsing(Collection<Link> links) {
        Set<PlanKey> out = new HashSet<>();
        linksByKey.forEach(
                (key, bySwitch) -> {
                    for (Link l : links) {
                        Set<Link> used = bySwitch.get(l.srcDpid());
                        if (used != null && used.contains(l)) {
                            out.add(key);
                            return;
                        }
                    }
                });
        return out;
    }

    /** The links leaving switch {@code s} that the plan's entries there output to. */
    private static Set<Link> linksUsedAt(RoutingPlan plan, TopologySnapshot topo, Dpid s) {
        if (!topo.contains(s)) {
            return Set.of();
        }
        LinksBySource links = LinksBySource.of(topo);
        Set<Link> used = new HashSet<>();
        for (FlowRule r : plan.flows().get(s)) {
            outputs(r.actions(), s, links, used);
        }
        for (Group g : plan.groups().get(s)) {
            g.buckets().forEach(b -> outputs(b.actions(), s, links, used));
        }
        return used;
    }

    private static void outputs(
            java.util.List<FlowAction> actions, Dpid s, LinksBySource links, Set<Link> into) {
        for (FlowAction a : actions) {
            if (a instanceof FlowAction.Output o) {
                into.addAll(links.from(ConnectPoint.of(s, o.port())));
            }
        }
    }

    /** For tests and logs. */
    static ConnectPoint describe(Link l) {
        return l.src();
    }
}
