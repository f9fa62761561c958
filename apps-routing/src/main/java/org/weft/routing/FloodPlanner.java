package org.weft.routing;

import com.google.common.collect.ImmutableSortedSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.weft.net.ConnectPoint;
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
        return plan(topo, switches, FloodTree.empty()).plan();
    }

    /**
     * The tree's rules for {@code topo}, rebuilt only at the switches whose tree or edge ports
     * differ from {@code previous} (every other switch keeps its rules); the result names those
     * switches ({@link FloodTree#changed}), those that left included. Its plan equals {@link
     * #plan(TopologySnapshot, Map)}.
     */
    static FloodTree plan(
            TopologySnapshot topo, Map<Dpid, SwitchInfo> switches, FloodTree previous) {
        Map<Dpid, SortedSet<PortNumber>> treeBySwitch = treePortsBySwitch(topo);
        Map<Dpid, FloodTree.Ports> ports = new HashMap<>(switches.size() * 2);
        PlanEntries.Builder<FlowRule> flows = previous.plan().flows().toBuilder();
        Set<Dpid> changed = new HashSet<>();
        switches.forEach(
                (dpid, info) -> {
                    SortedSet<PortNumber> tree =
                            treeBySwitch.getOrDefault(dpid, Collections.emptySortedSet());
                    SortedSet<PortNumber> out = new TreeSet<>(tree);
                    for (PortNumber p : info.livePorts()) {
                        if (!p.isReserved() && !topo.isInfrastructure(ConnectPoint.of(dpid, p))) {
                            out.add(p);
                        }
                    }
                    FloodTree.Ports now = new FloodTree.Ports(tree, out);
                    ports.put(dpid, now);
                    if (!now.equals(previous.ports().get(dpid))) {
                        changed.add(dpid);
                        flows.set(dpid, rules(dpid, now));
                    }
                });
        for (Dpid gone : previous.ports().keySet()) {
            if (!switches.containsKey(gone)) {
                changed.add(gone);
                flows.set(gone, List.of());
            }
        }
        return new FloodTree(
                ports, new RoutingPlan(flows.build(), previous.plan().groups()), changed);
    }

    /** One rule per tree port: what comes in there goes out of every other flooding port. */
    private static List<FlowRule> rules(Dpid dpid, FloodTree.Ports ports) {
        List<FlowRule> rules = new ArrayList<>(ports.tree().size());
        for (PortNumber in : ports.tree()) {
            List<FlowAction> actions = new ArrayList<>(ports.out().size());
            for (PortNumber p : ports.out()) {
                if (!p.equals(in)) {
                    actions.add(FlowAction.output(p));
                }
            }
            rules.add(
                    FlowRule.builder(dpid)
                            .priority(FLOOD_PRIORITY)
                            .match(FlowMatch.builder().inPort(in).build())
                            .actions(actions)
                            .cookie(RoutingCookies.flood())
                            .build());
        }
        return rules;
    }

    /** Every switch's tree ports, from one pass over the tree's links. */
    private static Map<Dpid, SortedSet<PortNumber>> treePortsBySwitch(TopologySnapshot topo) {
        Map<Dpid, SortedSet<PortNumber>> out = new HashMap<>();
        for (Link l : topo.treeLinks()) {
            out.computeIfAbsent(l.srcDpid(), d -> new TreeSet<>()).add(l.src().port());
        }
        return out;
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
        Set<Dpid> all = new HashSet<>(installed.flows().keySet());
        all.addAll(next.flows().keySet());
        return between(installed, next, all);
    }

    /**
     * As {@link #between(RoutingPlan, RoutingPlan)} when the two plans differ at {@code changed}
     * only: the step keeps {@code installed}'s rules everywhere else (they equal {@code next}'s).
     */
    static RoutingPlan between(RoutingPlan installed, RoutingPlan next, Set<Dpid> changed) {
        PlanEntries.Builder<FlowRule> flows = installed.flows().toBuilder();
        List<FlowRule> kept = new ArrayList<>();
        for (Dpid s : changed) {
            Set<FlowMatch> before = new HashSet<>();
            installed.flows().get(s).forEach(r -> before.add(r.match()));
            kept.clear();
            for (FlowRule r : next.flows().get(s)) {
                if (before.contains(r.match())) {
                    kept.add(r);
                }
            }
            flows.set(s, kept);
        }
        return new RoutingPlan(flows.build(), next.groups());
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
