package org.weft.routing;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.topology.LinkDiff;
import org.weft.net.topology.LinkWeigher;
import org.weft.net.topology.TopologySnapshot;

/**
 * The difference between two planning contexts that decides how much of a destination's plan made
 * with the older one can be kept: whether they are comparable at all (same weigher and backup
 * chooser, uniform link capacities), the switches a link or switch appeared or disappeared at (in
 * the topology or among the connected switches, or whose group support changed), and, asked per
 * switch, whether the distances from its neighbours back to it moved (what a loop-free-alternate
 * choice depends on).
 */
final class ContextDelta {

    private final PlanContext before;
    private final PlanContext after;
    private final Set<Dpid> touched;
    private final Set<Link> lostLinks;
    private final Map<Dpid, Boolean> neighbourDistancesMoved = new HashMap<>();

    /** {@link #neighbourDistancesMovedAt()}, computed on first use. */
    private Set<Dpid> movedAt;

    ContextDelta(PlanContext before, PlanContext after) {
        this.before = before;
        this.after = after;
        if (comparable(before, after)) {
            // One pass over both snapshots' links, shared by both questions below.
            // Links present in both count as updated only when they weigh differently.
            LinkWeigher weigher = after.weigher();
            LinkDiff links =
                    LinkDiff.between(
                            before.topology(),
                            after.topology(),
                            (l, a, b) ->
                                    Double.compare(weigher.weight(l, a), weigher.weight(l, b))
                                            == 0);
            this.touched = touched(before, after, links);
            this.lostLinks = lostLinks(before, after, links);
        } else {
            this.touched = null;
            this.lostLinks = null;
        }
    }

    /**
     * The links the older context had and this one lacks, when that is all that changed for next
     * hops: the same switches in the topology and connected (with the same group support), no link
     * added, every remaining link weighing the same. Null otherwise. Next hops can then be derived
     * from the older ones ({@link NextHopsPruning}).
     */
    Set<Link> lostLinks() {
        return lostLinks;
    }

    /** Whether plans made with the older context can be partly kept. */
    boolean comparable() {
        return touched != null;
    }

    /** Switches that gained or lost a link, or appeared or disappeared. */
    Set<Dpid> touched() {
        return touched;
    }

    /** Whether the least cost from some neighbour of {@code s} back to {@code s} changed. */
    boolean neighbourDistancesMoved(Dpid s) {
        return neighbourDistancesMoved.computeIfAbsent(
                s,
                x -> !before.distancesFromNeighbours(x).equals(after.distancesFromNeighbours(x)));
    }

    /**
     * The switches of the newer topology at which {@link #neighbourDistancesMoved} holds, computed
     * once for all destinations re-planned across this delta: each destination then looks only at
     * these switches instead of testing every switch of the fabric.
     */
    Set<Dpid> neighbourDistancesMovedAt() {
        if (movedAt == null
                && touched != null
                && touched.isEmpty()
                && lostLinks != null
                && lostLinks.isEmpty()) {
            // The same switches and links weighing the same (a re-optimisation after link
            // statistics or latencies the metric ignores): no cost can have moved.
            movedAt = Set.of();
        }
        if (movedAt == null) {
            Set<Dpid> out = new HashSet<>();
            for (Dpid s : movedAtMost()) {
                if (after.topology().contains(s) && neighbourDistancesMoved(s)) {
                    out.add(s);
                }
            }
            movedAt = out;
        }
        return movedAt;
    }

    /**
     * The switches at which {@link #neighbourDistancesMoved} may hold. After links were lost alone
     * ({@link #lostLinks()}), a switch that lost no link and whose costs back were read off its
     * links in the older context ({@code PlanningGraph#searchedNeighbourDistances}) keeps them: its
     * links back are all still there, weigh the same, and are still no dearer than any detour (the
     * least link weight can only have grown). Otherwise every switch may.
     */
    private Iterable<Dpid> movedAtMost() {
        if (lostLinks == null) {
            return after.topology().switches();
        }
        Set<Dpid> out = new HashSet<>(touched);
        out.addAll(before.searchedNeighbourDistances());
        return out;
    }

    private static boolean comparable(PlanContext a, PlanContext b) {
        return a.weigher() == b.weigher()
                && a.protection() == b.protection()
                && a.uniformCapacity()
                && b.uniformCapacity();
    }

    private static Set<Link> lostLinks(PlanContext before, PlanContext after, LinkDiff links) {
        TopologySnapshot a = before.topology();
        TopologySnapshot b = after.topology();
        if (a == b) {
            return Set.of();
        }
        if (!a.switches().equals(b.switches())
                || !before.switches().keySet().equals(after.switches().keySet())) {
            return null;
        }
        for (var e : before.switches().entrySet()) {
            if (after.switches().get(e.getKey()).supportsGroups()
                    != e.getValue().supportsGroups()) {
                return null;
            }
        }
        if (!links.added().isEmpty()) {
            return null;
        }
        // Updated links are those that weigh differently (the delta's diff asked so).
        return links.updated().isEmpty() ? links.removed() : null;
    }

    private static Set<Dpid> touched(PlanContext before, PlanContext after, LinkDiff links) {
        Set<Dpid> out = new HashSet<>();
        // A switch that connected, disconnected or changed group support (live ports do not
        // matter to destination planning).
        before.switches()
                .forEach(
                        (s, info) -> {
                            SwitchInfo now = after.switches().get(s);
                            if (now == null || now.supportsGroups() != info.supportsGroups()) {
                                out.add(s);
                            }
                        });
        after.switches().keySet().stream()
                .filter(s -> !before.switches().containsKey(s))
                .forEach(out::add);
        TopologySnapshot a = before.topology();
        TopologySnapshot b = after.topology();
        if (a == b) {
            return out;
        }
        for (Dpid s : a.switches()) {
            if (!b.contains(s)) {
                out.add(s);
            }
        }
        for (Dpid s : b.switches()) {
            if (!a.contains(s)) {
                out.add(s);
            }
        }
        for (Link l : links.removed()) {
            out.add(l.srcDpid());
            out.add(l.dstDpid());
        }
        for (Link l : links.added()) {
            out.add(l.srcDpid());
            out.add(l.dstDpid());
        }
        return out;
    }
}
