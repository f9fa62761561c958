package org.weft.routing;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.topology.NextHops;
import org.weft.net.topology.TopologySnapshot;

/**
 * Which switches' entries toward a destination must be rebuilt after a topology change; the others
 * keep their entries from the previous plan. A switch's entries depend on its own next hops and
 * links, on its neighbours' distances and next hops (the backup of a fast-failover group and the
 * U-turn rule at the backup's far end), and on the least costs from its neighbours back to it (the
 * loop-free-alternate test). So a switch is rebuilt when it gained or lost a link, when its
 * distance or next hops changed, when one of its neighbours' did, or, for a protected switch, when
 * the costs from its neighbours back to it moved. Everything else is exactly what planning from
 * scratch would give again ({@code ReplanScopeTest} checks that on random cuts and repairs).
 */
final class ReplanScope {

    private ReplanScope() {}

    /** The switches to rebuild; null when the previous plan cannot be reused (plan everything). */
    static Set<Dpid> dirty(
            PlannedRoute previous,
            PlanContext ctx,
            NextHops hops,
            HostAttachment host,
            int hostIndex) {
        if (previous == null
                || previous.hops() == null
                || previous.hostIndex() != hostIndex
                || !previous.host().equals(host)) {
            return null;
        }
        ContextDelta delta = ctx.since(previous.context());
        if (!delta.comparable()) {
            return null;
        }
        NextHops old = previous.hops();
        Set<Dpid> changed = new HashSet<>(delta.touched());
        Set<Dpid> pruned = old == hops ? Set.of() : ctx.prunedAt(old, hops);
        if (pruned != null) {
            changed.addAll(pruned);
        } else {
            for (Dpid s : old.distances().keySet()) {
                if (!hops.canReach(s)) {
                    changed.add(s);
                }
            }
            hops.distances()
                    .forEach(
                            (s, d) -> {
                                if (!Objects.equals(old.distances().get(s), d)
                                        || !old.linksFrom(s).equals(hops.linksFrom(s))) {
                                    changed.add(s);
                                }
                            });
        }
        Set<Dpid> dirty = new HashSet<>(changed);
        TopologySnapshot now = ctx.topology();
        TopologySnapshot then = previous.context().topology();
        for (Dpid c : changed) {
            addNeighbours(now, c, dirty);
            addNeighbours(then, c, dirty);
        }
        if (ctx.protect()) {
            // The same test for every switch, with the switches whose neighbours' costs moved
            // found once per delta.
            for (Dpid s : delta.neighbourDistancesMovedAt()) {
                if (!dirty.contains(s) && hops.linksFrom(s).size() == 1) {
                    dirty.add(s);
                }
            }
        }
        return dirty;
    }

    private static void addNeighbours(TopologySnapshot topo, Dpid s, Set<Dpid> into) {
        if (!topo.contains(s)) {
            return;
        }
        for (Link l : topo.linksTo(s)) {
            into.add(l.srcDpid());
        }
        for (Link l : topo.linksFrom(s)) {
            into.add(l.dstDpid());
        }
    }
}
