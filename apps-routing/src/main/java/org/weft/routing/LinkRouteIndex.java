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

    private final Map<Link, Set<PlanKey>> keysByLink = new ConcurrentHashMap<>();

    /** Per key, the links it uses, by the switch they leave. */
    private final Map<PlanKey, Map<Dpid, Set<Link>>> linksByKey = new ConcurrentHashMap<>();

    /** Records the links a key's new plan uses, replacing what it used before. */
    void put(PlanKey key, RoutingPlan plan, TopologySnapshot topo) {
        Map<Dpid, Set<Link>> before = linksByKey.remove(key);
        Map<Dpid, Set<Link>> after = new HashMap<>();
        for (Dpid s : plan.switches()) {
            Set<Link> used = linksUsedAt(plan, topo, s);
            if (!used.isEmpty()) {
                after.put(s, used);
            }
        }
        Set<Dpid> switches = new HashSet<>(after.keySet());
        if (before != null) {
            switches.addAll(before.keySet());
        }
        for (Dpid s : switches) {
            move(key, before == null ? null : before.get(s), after.get(s));
        }
        if (!after.isEmpty()) {
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
            Set<Link> before = used.isEmpty() ? links.remove(s) : links.put(s, used);
            move(key, before, used);
        }
        if (links.isEmpty()) {
            linksByKey.remove(key);
        }
    }

    /** Moves the key from the links it used at one switch to the ones it uses now. */
    private void move(PlanKey key, Set<Link> before, Set<Link> after) {
        Set<Link> was = before == null ? Set.of() : before;
        Set<Link> now = after == null ? Set.of() : after;
        for (Link l : was) {
            if (!now.contains(l)) {
                Set<PlanKey> keys = keysByLink.get(l);
                if (keys != null) {
                    keys.remove(key);
                }
            }
        }
        for (Link l : now) {
            if (!was.contains(l)) {
                keysByLink.computeIfAbsent(l, x -> ConcurrentHashMap.newKeySet()).add(key);
            }
        }
    }

    void remove(PlanKey key) {
        Map<Dpid, Set<Link>> old = linksByKey.remove(key);
        if (old != null) {
            old.values().forEach(links -> move(key, links, null));
        }
    }

    /** Keys whose routes use any of the links. */
    Set<PlanKey> keysUsing(Collection<Link> links) {
        Set<PlanKey> out = new HashSet<>();
        links.forEach(l -> out.addAll(keysByLink.getOrDefault(l, Set.of())));
        return out;
    }

    /** The links leaving switch {@code s} that the plan's entries there output to. */
    private static Set<Link> linksUsedAt(RoutingPlan plan, TopologySnapshot topo, Dpid s) {
        if (!topo.contains(s)) {
            return Set.of();
        }
        Set<PortNumber> ports = new HashSet<>();
        for (FlowRule r : plan.flows().get(s)) {
            outputs(r.actions(), ports);
        }
        for (Group g : plan.groups().get(s)) {
            g.buckets().forEach(b -> outputs(b.actions(), ports));
        }
        Set<Link> used = new HashSet<>();
        for (Link l : topo.linksFrom(s)) {
            if (ports.contains(l.src().port())) {
                used.add(l);
            }
        }
        return used;
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
