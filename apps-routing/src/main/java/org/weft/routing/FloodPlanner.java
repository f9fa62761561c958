package org.weft.routing;

import com.google.common.collect.ArrayListMultimap;
import com.google.common.collect.ImmutableSortedSet;
import com.google.common.collect.ListMultimap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.PortNumber;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;
import org.weft.net.topology.TopologySnapshot;

/**
 * Flooding only along the spanning tree, out of edge ports and tree ports. The controller floods a
 * packet from an edge port with a packet-out at its ingress switch ({@link #floodPorts}); every
 * switch carries it on with one low-priority rule per tree port ({@link #plan}): whatever arrives
 * on a tree port and matches no host rule goes out of every other tree and edge port. A tree has no
 * cycles, so nothing storms; a change of tree goes through {@link #between} so that the mix of old
 * and new rules has none either.
 */
public final class FloodPlanner {

    /** Priority of the tree-flooding rules: above the table-miss entry, below host rules. */
    public static final int FLOOD_PRIORITY = 10;

    private FloodPlanner() {}

    public static RoutingPlan plan(TopologySnapshot topo, Map<Dpid, SwitchInfo> switches) {
        ListMultimap<Dpid, FlowRule> flows = ArrayListMultimap.create();
        switches.forEach(
                (dpid, info) -> {
                    Set<PortNumber> tree = treePorts(topo, dpid);
                    Set<PortNumber> out = new TreeSet<>(tree);
                    out.addAll(edgePorts(topo, dpid, info));
                    for (PortNumber in : tree) {
                        List<FlowAction> actions =
                                out.stream()
                                        .filter(p -> !p.equals(in))
                                        .map(p -> (FlowAction) FlowAction.output(p))
                                        .toList();
                        flows.put(
                                dpid,
                                FlowRule.builder(dpid)
                                        .priority(FLOOD_PRIORITY)
                                        .match(FlowMatch.builder().inPort(in).build())
                                        .actions(actions)
                                        .cookie(RoutingCookies.flood())
                                        .build());
                    }
                });
        return RoutingPlan.of(flows, ArrayListMultimap.create());
    }

    /**
     * The step between two flood plans that keeps every moment of the change storm-free. Going
     * straight from one tree's rules to another's, a fabric with some switches on each can carry a
     * frame round a cycle made of links of both trees. A frame crosses a link only where the
     * receiving switch has a rule for that in-port, so this step keeps only the rules (with their
     * new actions) whose in-port is a tree port in both plans: while switches move from {@code
     * installed} to it, frames cross only links of the old tree; while they move on to {@code
     * next}, only links of the new one. Broadcasts may miss some hosts for the moment of the
     * change; none loops.
     */
    public static RoutingPlan between(RoutingPlan installed, RoutingPlan next) {
        ListMultimap<Dpid, FlowRule> flows = ArrayListMultimap.create();
        for (Dpid s : next.flows().keySet()) {
            Set<FlowMatch> before = new HashSet<>();
            installed.flows().get(s).forEach(r -> before.add(r.match()));
            for (FlowRule r : next.flows().get(s)) {
                if (before.contains(r.match())) {
                    flows.put(s, r);
                }
            }
        }
        return RoutingPlan.of(flows, ArrayListMultimap.create());
    }

    /** Where the ingress switch sends a flooded packet that came in on {@code except}. */
    public static ImmutableSortedSet<PortNumber> floodPorts(
            TopologySnapshot topo, Dpid dpid, SwitchInfo info, PortNumber except) {
        Set<PortNumber> out = new TreeSet<>(treePorts(topo, dpid));
        out.addAll(edgePorts(topo, dpid, info));
        out.remove(except);
        return ImmutableSortedSet.copyOf(out);
    }

    /** Ports of the switch that carry a spanning-tree link. */
    public static Set<PortNumber> treePorts(TopologySnapshot topo, Dpid dpid) {
        Set<PortNumber> ports = new TreeSet<>();
        if (topo.contains(dpid)) {
            topo.treeLinksFrom(dpid).forEach(l -> ports.add(l.src().port()));
        }
        return ports;
    }

    /** Live ports of the switch that carry no link at all: where hosts are. */
    public static Set<PortNumber> edgePorts(TopologySnapshot topo, Dpid dpid, SwitchInfo info) {
        Set<PortNumber> ports = new TreeSet<>(info.livePorts());
        if (topo.contains(dpid)) {
            for (Link l : topo.linksFrom(dpid)) {
                ports.remove(l.src().port());
            }
            for (Link l : topo.linksTo(dpid)) {
                ports.remove(l.dst().port());
            }
        }
        ports.removeIf(PortNumber::isReserved);
        return ports;
    }
}
