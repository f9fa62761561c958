package org.weft.routing;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.PortNumber;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.Group;
import org.weft.net.topology.TopologySnapshot;

/**
 * Which plan keys (destinations) send traffic over which link, so that a lost link re-plans exactly
 * the destinations that used it instead of scanning everything. A key uses a link when one of its
 * rules or group buckets outputs to the link's source port (backup buckets included).
 */
final class LinkRouteIndex {

    private final Map<Link, Set<Object>> keysByLink = new ConcurrentHashMap<>();
    private final Map<Object, Set<Link>> linksByKey = new ConcurrentHashMap<>();

    /**
     * Records the links a key's new plan uses, replacing what it used before. Only the difference
     * is written: a re-plan usually keeps most of a destination's links (with multipath, a
     * destination uses most links of the fabric).
     */
    void put(Object key, RoutingPlan plan, TopologySnapshot topo) {
        Set<Link> used = linksUsed(plan, topo);
        Set<Link> old = used.isEmpty() ? linksByKey.remove(key) : linksByKey.put(key, used);
        Set<Link> before = old == null ? Set.of() : old;
        for (Link l : before) {
            if (!used.contains(l)) {
                Set<Object> keys = keysByLink.get(l);
                if (keys != null) {
                    keys.remove(key);
                }
            }
        }
        for (Link l : used) {
            if (!before.contains(l)) {
                keysByLink.computeIfAbsent(l, x -> ConcurrentHashMap.newKeySet()).add(key);
            }
        }
    }

    /**
     * Records a key's new plan when only the switches in {@code rebuilt} may have changed entries
     * (the others kept theirs, over links that still exist): only the links leaving those switches
     * are looked at again.
     */
    void update(Object key, RoutingPlan plan, TopologySnapshot topo, Set<Dpid> rebuilt) {
        Set<Link> used = linksByKey.get(key);
        if (used == null) {
            put(key, plan, topo);
            return;
        }
        Set<Link> now = new HashSet<>();
        for (Dpid s : rebuilt) {
            linksUsedAt(plan, topo, s, now);
        }
        for (java.util.Iterator<Link> it = used.iterator(); it.hasNext(); ) {
            Link l = it.next();
            if (rebuilt.contains(l.srcDpid()) && !now.contains(l)) {
                it.remove();
                Set<Object> keys = keysByLink.get(l);
                if (keys != null) {
                    keys.remove(key);
                }
            }
        }
        for (Link l : now) {
            if (used.add(l)) {
                keysByLink.computeIfAbsent(l, x -> ConcurrentHashMap.newKeySet()).add(key);
            }
        }
        if (used.isEmpty()) {
            linksByKey.remove(key);
        }
    }

    void remove(Object key) {
        Set<Link> old = linksByKey.remove(key);
        if (old != null) {
            old.forEach(
                    l -> {
                        Set<Object> keys = keysByLink.get(l);
                        if (keys != null) {
                            keys.remove(key);
                        }
                    });
        }
    }

    /** Keys whose routes use any of the links. */
    Set<Object> keysUsing(Collection<Link> links) {
        Set<Object> out = new HashSet<>();
        links.forEach(l -> out.addAll(keysByLink.getOrDefault(l, Set.of())));
        return out;
    }

    static Set<Link> linksUsed(RoutingPlan plan, TopologySnapshot topo) {
        Set<Link> used = new HashSet<>();
        for (Dpid s : plan.switches()) {
            linksUsedAt(plan, topo, s, used);
        }
        return used;
    }

    /** The links leaving switch {@code s} that the plan's entries there output to. */
    private static void linksUsedAt(
            RoutingPlan plan, TopologySnapshot topo, Dpid s, Set<Link> into) {
        if (!topo.contains(s)) {
            return;
        }
        Set<PortNumber> ports = new HashSet<>();
        for (FlowRule r : plan.flows().get(s)) {
            outputs(r.actions(), ports);
        }
        for (Group g : plan.groups().get(s)) {
            g.buckets().forEach(b -> outputs(b.actions(), ports));
        }
        for (Link l : topo.linksFrom(s)) {
            if (ports.contains(l.src().port())) {
                into.add(l);
            }
        }
    }

    private static void outputs(java.util.List<FlowAction> actions, Set<PortNumber> into) {
        for (FlowAction a : actions) {
            if (a instanceof FlowAction.Output o) {
                into.add(o.port());
            }
        }
    }

    /** For tests and logs. */
    static ConnectPoint describe(Link l) {
        return l.src();
    }
}
