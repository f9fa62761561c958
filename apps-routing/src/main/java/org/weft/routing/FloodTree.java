package org.weft.routing;

import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import org.weft.net.Dpid;
import org.weft.net.PortNumber;

/**
 * The flood tree's rules and, per switch, the ports they were made from: its tree ports and every
 * port a flooded packet leaves by (tree and edge ports). A switch whose ports are the same in the
 * next tree keeps its rules, so re-planning after a cut rebuilds and hands on only the switches
 * whose ports moved ({@link #changed}), not all of them.
 *
 * @param ports per connected switch, the ports its rules come from
 * @param plan the flooding rules
 * @param changed the switches whose rules may differ from the tree this one was planned from
 */
record FloodTree(Map<Dpid, Ports> ports, RoutingPlan plan, Set<Dpid> changed) {

    private static final FloodTree EMPTY = new FloodTree(Map.of(), RoutingPlan.empty(), Set.of());

    /** One switch's flooding ports: its tree ports and every port a flood leaves by. */
    record Ports(SortedSet<PortNumber> tree, SortedSet<PortNumber> out) {}

    /** No switch, no rule: what the switches hold before the first tree. */
    static FloodTree empty() {
        return EMPTY;
    }
}
