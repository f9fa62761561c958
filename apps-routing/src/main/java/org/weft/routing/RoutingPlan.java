package org.weft.routing;

import com.google.common.collect.Multimap;
import com.google.common.collect.Sets;
import java.util.Set;
import org.weft.net.Dpid;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.Group;

/**
 * The flow rules and groups a plan wants on each switch. The per-switch lists are shared between a
 * plan and the plans patched from it ({@link PlanEntries}).
 */
public record RoutingPlan(PlanEntries<FlowRule> flows, PlanEntries<Group> groups) {

    private static final RoutingPlan EMPTY =
            new RoutingPlan(PlanEntries.empty(), PlanEntries.empty());

    public static RoutingPlan of(Multimap<Dpid, FlowRule> flows, Multimap<Dpid, Group> groups) {
        PlanEntries.Builder<FlowRule> f = PlanEntries.builder();
        flows.forEach(f::put);
        PlanEntries.Builder<Group> g = PlanEntries.builder();
        groups.forEach(g::put);
        return new RoutingPlan(f.build(), g.build());
    }

    public static RoutingPlan empty() {
        return EMPTY;
    }

    /** Whether the plan has no entry at all. */
    public boolean isEmpty() {
        return flows.isEmpty() && groups.isEmpty();
    }

    public Set<Dpid> switches() {
        return Sets.union(flows.keySet(), groups.keySet());
    }
}
