package org.weft.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
 * switches' parts and entries are shared with the previous plan ({@link SwitchMap}: only the
 * buckets holding rebuilt switches are copied), so the work is the dirty switches', not planning or
 * copying every switch again. The result equals {@link DestinationPlanner}'s walk over every
 * switch, entry order included ({@code ReplanScopeTest} compares each step with planning from
 * scratch).
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
        SwitchMap.Builder<SwitchPart> parts = previous.parts().toBuilder();
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
            parts.put(s, now);
        }
        SwitchMap<SwitchPart> newParts = parts.build();
        Dpid dst = egress.dpid();
        // Only the rebuilt switches' lists are replaced; every other switch's list is shared with
        // the previous plan.
        PlanEntries.Builder<FlowRule> flows = previous.plan().flows().toBuilder();
        PlanEntries.Builder<Group> groups = previous.plan().groups().toBuilder();
        List<FlowRule> rules = new ArrayList<>();
        List<Group> gs = new ArrayList<>(1);
        for (Dpid n : rebuilt) {
            rules.clear();
            gs.clear();
            if (topo.contains(n)) {
                entriesAt(topo, n, dst, egress, newParts, rules, gs);
            }
            flows.set(n, rules);
            groups.set(n, gs);
        }
        return new PlannedRoute(
                ctx,
                hops,
                previous.host(),
                previous.hostIndex(),
                newParts,
                new RoutingPlan(flows.build(), groups.build()),
                rebuilt);
    }

    /** Switch {@code n}'s entries, in the full walk's order. */
    private static void entriesAt(
            TopologySnapshot topo,
            Dpid n,
            Dpid dst,
            FlowRule egress,
            SwitchMap<SwitchPart> parts,
            List<FlowRule> rules,
            List<Group> groups) {
        if (n.equals(dst)) {
            rules.add(egress);
        }
        // In the full walk's order: switches ascending, each adding its own rule and then its
        // U-turn rule (which lands on a neighbour it has a link to).
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
                rules.add(p.rule());
                if (p.group() != null) {
                    groups.add(p.group());
                }
            }
            if (p.uturn() != null && p.uturn().dpid().equals(n)) {
                rules.add(p.uturn());
            }
        }
    }

    private static void uturnSwitch(SwitchPart part, Set<Dpid> into) {
        if (part != null && part.uturn() != null) {
            into.add(part.uturn().dpid());
        }
    }
}
