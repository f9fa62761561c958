package org.weft.routing;

import com.google.common.collect.ImmutableListMultimap;
import com.google.common.collect.ListMultimap;
import java.util.Set;
import org.weft.net.Dpid;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.Group;

/** The flow rules and groups a plan wants on each switch. */
public record RoutingPlan(
        ImmutableListMultimap<Dpid, FlowRule> flows, ImmutableListMultimap<Dpid, Group> groups) {

    public static RoutingPlan of(
            ListMultimap<Dpid, FlowRule> flows, ListMultimap<Dpid, Group> groups) {
        return new RoutingPlan(
                ImmutableListMultimap.copyOf(flows), ImmutableListMultimap.copyOf(groups));
    }

    public static RoutingPlan empty() {
        return new RoutingPlan(ImmutableListMultimap.of(), ImmutableListMultimap.of());
    }

    public Set<Dpid> switches() {
        return com.google.common.collect.Sets.union(flows.keySet(), groups.keySet());
    }
}
