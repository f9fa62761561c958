package org.weft.routing;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.Group;
import org.weft.net.routing.plan.Backup;
import org.weft.net.topology.LinkInfo;
import org.weft.net.topology.LinkWeigher;
import org.weft.net.topology.NextHops;
import org.weft.net.topology.TopologySnapshot;

/**
 * Destination-based forwarding toward one host (pure: topology in, rules out). Every switch that
 * can reach the host's switch gets one rule matching the host's MAC (and VLAN): out of the next
 * hop's port, or, where several next hops lie on equal-cost paths and the switch has groups, into a
 * select group over the next hops, weighted by the widest path through each (in residual capacity:
 * what the links' damped measured utilisation leaves of their capacity), its buckets laid out by
 * {@link BucketSpread} against hash polarisation. Next hops always lead strictly closer to the
 * destination, so the rules form a loop-free graph whatever order they are installed in. Groups are
 * shared: every destination whose rule at a switch goes through the same buckets points at the same
 * group ({@link SharedGroups}).
 */
public final class DestinationPlanner {

    /** Priority of per-host forwarding rules. */
    public static final int HOST_PRIORITY = 1000;

    /** Priority of U-turn rules (above the host rule they refine). */
    public static final int UTURN_PRIORITY = HOST_PRIORITY + 1;

    /** Largest bucket weight; the others are scaled to it (at least 1). */
    static final int MAX_BUCKET_WEIGHT = 1000;

    private DestinationPlanner() {}

    /** Plans without local protection (OpenFlow 1.0 fabrics, tests). */
    public static RoutingPlan plan(
            TopologySnapshot topo,
            LinkWeigher weigher,
            HostAttachment host,
            int hostIndex,
            Map<Dpid, SwitchInfo> switches) {
        return plan(new PlanContext(topo, weigher, switches, null), host, hostIndex);
    }

    public static RoutingPlan plan(PlanContext ctx, HostAttachment host, int hostIndex) {
        return plan(ctx, host, hostIndex, null).plan();
    }

    /**
     * Plans the destination, rebuilding only the switches {@link ReplanScope} names when {@code
     * previous} (the destination's last plan) can be partly kept; the result is the same as
     * planning from scratch.
     */
    static PlannedRoute plan(
            PlanContext ctx, HostAttachment host, int hostIndex, PlannedRoute previous) {
        TopologySnapshot topo = ctx.topology();
        Dpid dst = host.location().dpid();
        FlowMatch match =
                sameMatch(
                        previous,
                        FlowMatch.builder().ethDst(host.mac()).vlanVid(host.vlan()).build());
        PlanEntries.Builder<FlowRule> flows = PlanEntries.builder();
        PlanEntries.Builder<Group> groups = PlanEntries.builder();
        flows.put(dst, rule(dst, match, hostIndex, FlowAction.output(host.location().port())));
        if (!topo.contains(dst)) {
            return new PlannedRoute(
                    ctx,
                    null,
                    host,
                    hostIndex,
                    SwitchMap.empty(),
                    new RoutingPlan(flows.build(), groups.build()),
                    null);
        }
        NextHops hops =
                previous == null
                        ? ctx.nextHops(dst)
                        : ctx.nextHops(dst, previous.hops(), previous.context());
        Set<Dpid> dirty = ReplanScope.dirty(previous, ctx, hops, host, hostIndex);
        if (dirty != null && dirty.isEmpty()) {
            // Nothing to rebuild (a re-optimisation that changed nothing for this destination):
            // the previous plan as it is, without walking every switch again.
            return new PlannedRoute(
                    ctx, hops, host, hostIndex, previous.parts(), previous.plan(), Set.of());
        }
        // Every link equally wide (a uniform fabric): every bucket weighs the same, and the
        // widest-path pass (a capacity lookup per next-hop link) is not needed.
        boolean uniform = ctx.uniformCapacity();
        Map<Dpid, Long> widest = uniform ? Map.of() : widestCapacities(topo, hops);
        if (dirty != null) {
            // Only the dirty switches are planned again; a dirty switch whose entries come out the
            // same is not rebuilt (nor handed to the link index and the programmer).
            return PlanPatch.replan(
                    ctx,
                    hops,
                    previous,
                    dirty,
                    s -> part(ctx, hops, s, match, hostIndex, uniform ? null : widest),
                    rule(dst, match, hostIndex, FlowAction.output(host.location().port())));
        }
        SwitchMap.Builder<SwitchPart> parts = SwitchMap.builder();
        for (Dpid s : topo.switches()) {
            SwitchPart part = part(ctx, hops, s, match, hostIndex, uniform ? null : widest);
            if (part != null) {
                parts.put(s, part);
                flows.put(s, part.rule());
                if (part.group() != null) {
                    groups.put(s, part.group());
                }
                if (part.uturn() != null) {
                    flows.put(part.uturn().dpid(), part.uturn());
                }
            }
        }
        return new PlannedRoute(
                ctx,
                hops,
                host,
                hostIndex,
                parts.build(),
                new RoutingPlan(flows.build(), groups.build()),
                null);
    }

    /**
     * {@code match}, or the equal match of {@code previous}'s rules: rules rebuilt with the same
     * instance are then compared with the previous ones by identity, not field by field.
     */
    private static FlowMatch sameMatch(PlannedRoute previous, FlowMatch match) {
        if (previous != null) {
            List<FlowRule> at = previous.plan().flows().get(previous.host().location().dpid());
            if (!at.isEmpty() && at.get(0).match().equals(match)) {
                return at.get(0).match();
            }
        }
        return match;
    }

    /** One switch's entries toward the destination; null when it gets none. */
    private static SwitchPart part(
            PlanContext ctx,
            NextHops hops,
            Dpid s,
            FlowMatch match,
            int hostIndex,
            Map<Dpid, Long> widest) {
        SwitchInfo info = ctx.switches().get(s);
        if (s.equals(hops.destination()) || info == null || !hops.canReach(s)) {
            return null;
        }
        // Already in ascending order (NextHops keeps every switch's list so).
        List<Link> next = hops.linksFrom(s);
        if (next.isEmpty()) {
            return null;
        }
        Link primary = next.get(0);
        if (!info.supportsGroups()) {
            return new SwitchPart(
                    rule(s, match, hostIndex, FlowAction.output(primary.src().port())), null, null);
        }
        if (next.size() > 1) {
            long layout =
                    BucketSpread.layout(
                            hops.distance(s).orElse(0), hops.distance(primary.dstDpid()).orElse(0));
            Group g =
                    widest == null
                            ? ctx.selectGroup(
                                    s,
                                    next,
                                    layout,
                                    () -> selectBuckets(ctx.topology(), next, null, layout))
                            : ctx.group(
                                    s,
                                    Group.Type.SELECT,
                                    selectBuckets(ctx.topology(), next, widest, layout));
            return new SwitchPart(
                    rule(s, match, hostIndex, FlowAction.group(g.groupId())), g, null);
        }
        Optional<Backup> backup =
                ctx.protect() ? ctx.protection().backup(ctx, hops, s, primary) : Optional.empty();
        if (backup.isEmpty()) {
            return new SwitchPart(
                    rule(s, match, hostIndex, FlowAction.output(primary.src().port())), null, null);
        }
        Link backupLink = backup.get().link();
        Group ff =
                ctx.failoverGroup(
                        s, primary, backupLink, () -> failoverBuckets(primary, backupLink));
        FlowRule uturn =
                backup.get().uturn()
                        ? uturn(ctx, hops, backupLink, match, hostIndex).orElse(null)
                        : null;
        return new SwitchPart(rule(s, match, hostIndex, FlowAction.group(ff.groupId())), ff, uturn);
    }

    /**
     * The rule that turns packets for the destination arriving at the backup's far end from the
     * protected switch toward that switch's other next hop (never back).
     */
    private static Optional<FlowRule> uturn(
            PlanContext ctx, NextHops hops, Link backup, FlowMatch match, int hostIndex) {
        Dpid n = backup.dstDpid();
        // The first of n's next hops (in ascending order already) that does not go back.
        Link other = null;
        for (Link l : hops.linksFrom(n)) {
            if (!l.dstDpid().equals(backup.srcDpid())) {
                other = l;
                break;
            }
        }
        if (other == null || !ctx.switches().containsKey(n)) {
            return Optional.empty();
        }
        FlowMatch fromS = match.toBuilder().inPort(backup.dst().port()).build();
        return Optional.of(
                FlowRule.builder(n)
                        .priority(UTURN_PRIORITY)
                        .match(fromS)
                        .actions(FlowAction.output(other.src().port()))
                        .cookie(RoutingCookies.host(hostIndex))
                        .build());
    }

    private static List<Group.Bucket> failoverBuckets(Link primary, Link backup) {
        return List.of(
                new Group.Bucket(
                        0, primary.src().port(), List.of(FlowAction.output(primary.src().port()))),
                new Group.Bucket(
                        0, backup.src().port(), List.of(FlowAction.output(backup.src().port()))));
    }

    private static FlowRule rule(Dpid dpid, FlowMatch match, int hostIndex, FlowAction action) {
        return FlowRule.builder(dpid)
                .priority(HOST_PRIORITY)
                .match(match)
                .actions(action)
                .cookie(RoutingCookies.host(hostIndex))
                .build();
    }

    /**
     * A select group's buckets, one per next hop ({@code widest} null: all links equally wide, all
     * buckets weigh the same), laid out by {@link BucketSpread} so that switches one hop apart hash
     * differently.
     */
    private static List<Group.Bucket> selectBuckets(
            TopologySnapshot topo, List<Link> next, Map<Dpid, Long> widest, long layout) {
        long[] raw = new long[next.size()];
        long max = 1;
        for (int i = 0; i < raw.length; i++) {
            Link l = next.get(i);
            raw[i] =
                    widest == null
                            ? 1
                            : Math.min(
                                    capacity(topo, l),
                                    widest.getOrDefault(l.dstDpid(), Long.MAX_VALUE));
            max = Math.max(max, raw[i]);
        }
        List<Group.Bucket> buckets = new ArrayList<>(raw.length);
        for (int i = 0; i < raw.length; i++) {
            int weight = (int) Math.max(1, Math.round((double) raw[i] * MAX_BUCKET_WEIGHT / max));
            // Each bucket watches its own port: Open vSwitch skips select buckets whose watched
            // port is down, so a lost member stops receiving traffic at once (docs/failover.md).
            var port = next.get(i).src().port();
            buckets.add(new Group.Bucket(weight, port, List.of(FlowAction.output(port))));
        }
        return ImmutableList.copyOf(BucketSpread.spread(buckets, layout));
    }

    /**
     * For every switch, the capacity of the widest path toward the destination over next-hop links
     * only, computed from the destination outwards (each next hop is strictly closer, so one pass
     * suffices).
     */
    static Map<Dpid, Long> widestCapacities(TopologySnapshot topo, NextHops hops) {
        List<Dpid> byDistance = new ArrayList<>(hops.distances().keySet());
        byDistance.sort(Comparator.comparingDouble(d -> hops.distances().get(d)));
        Map<Dpid, Long> widest = new HashMap<>();
        for (Dpid u : byDistance) {
            long best = u.equals(hops.destination()) ? Long.MAX_VALUE : 0;
            for (Link l : hops.linksFrom(u)) {
                best =
                        Math.max(
                                best,
                                Math.min(capacity(topo, l), widest.getOrDefault(l.dstDpid(), 0L)));
            }
            widest.put(u, best);
        }
        return widest;
    }

    /**
     * The link's residual capacity ({@link LinkInfo#residualMbps()}: what its damped measured
     * utilisation leaves) in kbit/s, at least 1; unknown capacity counts as 1 Mbit/s so that
     * unknown links share equally.
     */
    private static long capacity(TopologySnapshot topo, Link l) {
        return capacity(topo.linkInfo(l).orElse(LinkInfo.UNKNOWN));
    }

    static long capacity(LinkInfo info) {
        return Math.max(1, Math.round(info.residualMbps() * 1_000));
    }
}
