package org.weft.routing;

import com.google.common.collect.ImmutableListMultimap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.Group;
import org.weft.net.topology.NextHops;
import org.weft.net.topology.TopologySnapshot;

/**
 * A destination's plan rebuilt at its dirty switches only ({@link ReplanScope}): the other
 * switches' parts and entries are taken from the previous plan as they are, so the work is the
 * dirty switches' plus copying the previous plan's per-switch lists, not planning every switch
 * again. The result equals {@link DestinationPlanner}'s walk over every switch, entry order
 * included ({@code ReplanScopeTest} compares each step with planning from scratch).
 */
final class PlanPatch {

    private PlanPatch() {}

    /**
     * @param part plans one switch's part (null when it gets none), as the full walk would
     * @param egress the rule at the destination's own switch, first in that switch's list
     */
    static PlannedRoute replan(
            PlanContext ctx,
            NextHops hops,
            PlannedRoute previous,
            Set<Dpid> dirty,
            Function<Dpid, SwitchPart> part,
            FlowRule egress) {
        TopologySnapshot topo = ctx.topology();
        Map<Dpid, SwitchPart> parts = new HashMap<>(previous.parts());
        Set<Dpid> rebuilt = new HashSet<>();
        for (Dpid s : dirty) {
            SwitchPart was = previous.parts().get(s);
            SwitchPart now = topo.contains(s) ? part.apply(s) : null;
            if (!topo.contains(s)) {
                rebuilt.add(s); // it had entries, or may have had; it has none now
            }
            if (Objects.equals(was, now)) {
                continue;
            }
            rebuilt.add(s);
            uturnSwitch(was, rebuilt);
            uturnSwitch(now, rebuilt);
            if (now == null) {
                parts.remove(s);
            } else {
                parts.put(s, now);
            }
        }
        Dpid dst = egress.dpid();
        ImmutableListMultimap.Builder<Dpid, FlowRule> flows = ImmutableListMultimap.builder();
        ImmutableListMultimap.Builder<Dpid, Group> groups = ImmutableListMultimap.builder();
        previous.plan()
                .flows()
                .asMap()
                .forEach(
                        (s, rules) -> {
                            if (!rebuilt.contains(s)) {
                                flows.putAll(s, rules);
                            }
                        });
        previous.plan()
                .groups()
                .asMap()
                .forEach(
                        (s, gs) -> {
                            if (!rebuilt.contains(s)) {
                                groups.putAll(s, gs);
                            }
                        });
        for (Dpid n : rebuilt) {
            if (!topo.contains(n)) {
                continue;
            }
            if (n.equals(dst)) {
                flows.put(n, egress);
            }
            // In the full walk's order: switches ascending, each adding its own rule and then
            // its U-turn rule (which lands on a neighbour it has a link to).
            Set<Dpid> sources = new TreeSet<>();
            sources.add(n);
            for (Link l : topo.linksTo(n)) {
                sources.add(l.srcDpid());
            }
            for (Dpid s : sources) {
                SwitchPart p = parts.get(s);
                if (p == null) {
                    continue;
                }
                if (s.equals(n)) {
                    flows.put(n, p.rule());
                    if (p.group() != null) {
                        groups.put(n, p.group());
                    }
                }
                if (p.uturn() != null && p.uturn().dpid().equals(n)) {
                    flows.put(n, p.uturn());
                }
            }
        }
        return new PlannedRoute(
                ctx,
                hops,
                previous.host(),
                previous.hostIndex(),
                parts,
                new RoutingPlan(flows.build(), groups.build()),
                rebuilt);
    }

    private static void uturnSwitch(SwitchPart part, Set<Dpid> into) {
        if (part != null && part.uturn() != null) {
            into.add(part.uturn().dpid());
        }
    }
}
