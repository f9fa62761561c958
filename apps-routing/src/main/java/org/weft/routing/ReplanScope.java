package org.weft.routing;

import java.util.HashSet;
import java.util.Set;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.flow.Group;
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
 *
 * <p>When links were lost and nothing else changed ({@link ContextDelta#lostLinks()}: the same
 * switches, connected with the same group support, every remaining link weighing the same), the
 * scope is narrower, since every input but a switch's own links, next hops and distance is then a
 * neighbour's: a switch with several next hops (a select group) or none depends on its own next
 * hops and distance alone (a next hop's distance is the switch's less the link's unchanged weight),
 * so only protected switches (one next hop) are rebuilt for a neighbour whose distance or next hops
 * changed, and only when they link to it (a backup's candidates are the switch's own links). When,
 * moreover, no distance changed (the next hops were pruned of the lost links) and the backup
 * chooser vouches that a neighbour losing next hops changes only the answers that backed up through
 * it ({@code BackupChooser#keptWhenNeighbourHopsShrink}), only those protected switches are
 * rebuilt. A cut on a fat tree then rebuilds the cable's ends and the few protected switches that
 * backed up through a switch that lost a next hop, instead of every neighbour of both ends ({@code
 * LostLinksScopeTest} checks it against planning from scratch through random cuts).
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
        Set<Dpid> moved = moved(previous.hops(), hops, ctx);
        Set<Dpid> dirty = new HashSet<>(delta.touched());
        dirty.addAll(moved);
        TopologySnapshot now = ctx.topology();
        if (delta.lostLinks() != null) {
            // Distances kept (next hops pruned of the lost links) and a chooser that vouches for
            // it: only the protected switches whose U-turn alternate was the switch at hand.
            SwitchMap<SwitchPart> uturnsOnly =
                    ctx.protect()
                                    && ctx.protection().keptWhenNeighbourHopsShrink()
                                    && distancesKept(previous.hops(), hops, ctx)
                            ? previous.parts()
                            : null;
            for (Dpid c : moved) {
                addProtectedNeighbours(now, hops, c, uturnsOnly, dirty);
            }
        } else {
            TopologySnapshot then = previous.context().topology();
            for (Dpid c : moved) {
                addNeighbours(now, c, dirty);
                addNeighbours(then, c, dirty);
            }
            for (Dpid c : delta.touched()) {
                addNeighbours(now, c, dirty);
                addNeighbours(then, c, dirty);
            }
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

    /** The switches whose distance or next hops differ between {@code old} and {@code hops}. */
    private static Set<Dpid> moved(NextHops old, NextHops hops, PlanContext ctx) {
        if (old == hops) {
            return Set.of();
        }
        Set<Dpid> pruned = ctx.prunedAt(old, hops);
        if (pruned != null) {
            return pruned;
        }
        return hops.switchesChangedFrom(old);
    }

    /**
     * The switches with one next hop toward the destination that link to {@code s}: the ones whose
     * backup choice (and U-turn rule at {@code s}) may depend on {@code s}'s distance and next
     * hops.
     */
    private static void addProtectedNeighbours(
            TopologySnapshot topo,
            NextHops hops,
            Dpid s,
            SwitchMap<SwitchPart> uturnsOnly,
            Set<Dpid> into) {
        if (!topo.contains(s)) {
            return;
        }
        for (Link l : topo.linksTo(s)) {
            Dpid n = l.srcDpid();
            if (hops.linksFrom(n).size() == 1
                    && (uturnsOnly == null || backupVia(uturnsOnly.get(n), l))) {
                into.add(n);
            }
        }
    }

    /**
     * Whether a switch's previous part is missing or backs up over {@code l} (its fast-failover
     * group's backup bucket leaves by {@code l}'s port, or its U-turn rule is at {@code l}'s far
     * end).
     */
    private static boolean backupVia(SwitchPart p, Link l) {
        if (p == null) {
            return true;
        }
        if (p.uturn() != null && p.uturn().dpid().equals(l.dstDpid())) {
            return true;
        }
        Group g = p.group();
        return g != null
                && g.type() == Group.Type.FAST_FAILOVER
                && g.buckets().size() > 1
                && g.buckets().get(1).watchPort().equals(l.src().port());
    }

    /** Whether {@code hops} has {@code old}'s distances: the same, or pruned from them. */
    private static boolean distancesKept(NextHops old, NextHops hops, PlanContext ctx) {
        return old == hops || ctx.prunedAt(old, hops) != null;
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
