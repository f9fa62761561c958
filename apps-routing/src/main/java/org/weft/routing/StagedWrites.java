package org.weft.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.DeviceNotConnectedException;
import org.weft.net.Dpid;
import org.weft.net.flow.BatchResult;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.flow.FlowRuleService;
import org.weft.net.flow.Group;
import org.weft.net.flow.GroupOperation;
import org.weft.net.flow.GroupService;

/**
 * How {@link SwitchWriter} writes one batch to a switch, in stages (groups, rules, stale groups),
 * deciding its group operations against a shadow of the groups the switch holds, so a group is
 * added only when absent, modified when it differs and removed only when present.
 */
final class StagedWrites {

    private static final Logger log = LoggerFactory.getLogger(StagedWrites.class);

    private final FlowRuleService flows;
    private final GroupService groups;
    private final Map<Dpid, Map<Integer, Group>> groupsOn = new ConcurrentHashMap<>();
    private volatile java.util.function.Consumer<Dpid> leftoverTaken = d -> {};

    StagedWrites(FlowRuleService flows, GroupService groups) {
        this.flows = flows;
        this.groups = groups;
    }

    /**
     * Groups added or changed, then flows, then stale groups removed. The first two go out
     * together, each behind a barrier (OpenFlow's barrier orders them: the switch finishes the
     * groups before it applies a rule); the removals wait until both are confirmed, since removing
     * a group removes the rules still naming it. A stage the switch rejected in part stops the
     * removals (make before break: the old entries stay until the reconciler repairs the switch,
     * which the failure already asked for).
     */
    CompletableFuture<WriteOutcome> write(
            Dpid s, List<FlowRuleOperation> flowOps, LaneIntent.GroupMoves moves) {
        Map<Integer, Group> shadow = groupsOn.computeIfAbsent(s, d -> new ConcurrentHashMap<>());
        List<GroupOperation> first = new ArrayList<>();
        boolean takesLeftover = false;
        for (Group g : moves.held()) {
            Group cur = shadow.get(g.groupId());
            takesLeftover |= cur != null && moves.newlyHeld().contains(g.groupId());
            if (cur == null) {
                first.add(new GroupOperation(GroupOperation.Type.ADD, g));
            } else if (cur != g && !cur.equals(g)) {
                first.add(new GroupOperation(GroupOperation.Type.MODIFY, g));
            }
        }
        List<GroupOperation> last = new ArrayList<>();
        for (Integer id : moves.dropped()) {
            Group cur = shadow.get(id);
            if (cur != null) {
                last.add(new GroupOperation(GroupOperation.Type.REMOVE, cur));
            }
        }
        if (first.size() + flowOps.size() + last.size() == 0) {
            return CompletableFuture.completedFuture(new WriteOutcome(0, null, true, false));
        }
        first.forEach(op -> shadow.put(op.group().groupId(), op.group()));
        last.forEach(op -> shadow.remove(op.group().groupId()));
        int[] groupsConfirmed = {0};
        BatchResult[] flowResult = {null};
        CompletableFuture<Boolean> f =
                first.isEmpty()
                        ? CompletableFuture.completedFuture(true)
                        : groups.applyGroups(s, first)
                                .thenApply(r -> counted(s, r, groupsConfirmed));
        if (!flowOps.isEmpty()) {
            // Sent right behind the groups' barrier, without waiting for its reply: the switch
            // applies the groups before any rule that follows the barrier, and a rule naming a
            // group the switch refused is refused in turn (and the batch is not clean).
            f =
                    f.thenCombine(
                            flows.apply(s, flowOps),
                            (clean, r) -> {
                                flowResult[0] = r;
                                return clean && r.ok();
                            });
        }
        if (!last.isEmpty()) {
            f =
                    f.thenCompose(
                            clean ->
                                    clean
                                            ? groups.applyGroups(s, last)
                                                    .thenApply(r -> counted(s, r, groupsConfirmed))
                                            : CompletableFuture.completedFuture(false));
        }
        boolean leftover = takesLeftover;
        return f.handle(
                (clean, e) -> {
                    if (leftover) {
                        leftoverTaken.accept(s);
                    }
                    if (e != null) {
                        failed(s, e);
                    } else if (!clean) {
                        // The driver logged and counted the rejection and handed the switch to
                        // the reconciler; the shadow is no longer what the switch holds.
                        groupsOn.remove(s);
                    }
                    return new WriteOutcome(
                            groupsConfirmed[0], flowResult[0], e == null && clean, false);
                });
    }

    private boolean counted(Dpid s, BatchResult r, int[] confirmed) {
        confirmed[0] += r.confirmedCount();
        return r.ok();
    }

    /**
     * Told, after a write, of a switch where it gave a group the switch held although the changes
     * written did not have it before: a group left from entries routing does not know (a
     * destination number an earlier instance gave another host, kept while the fabric settles after
     * a restart), which rules routing does not know may still forward into.
     */
    void onLeftoverTaken(java.util.function.Consumer<Dpid> listener) {
        leftoverTaken = listener;
    }

    /** The switch's groups are unknown (another instance writes it): no shadow until a pass. */
    void forget(Dpid s) {
        groupsOn.remove(s);
    }

    /** The groups a reconcile pass left on the switch: the shadow the next writes start from. */
    void groupsAre(Dpid s, List<Group> groups) {
        Map<Integer, Group> shadow = new ConcurrentHashMap<>();
        groups.forEach(g -> shadow.put(g.groupId(), g));
        groupsOn.put(s, shadow);
    }

    /** A write that failed: logged, and the switch's shadow forgotten. */
    void failed(Dpid s, Throwable e) {
        Throwable cause =
                e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        // The shadow may now be wrong: forget it; the next audit of the switch rebuilds it.
        groupsOn.remove(s);
        if (cause instanceof DeviceNotConnectedException) {
            log.debug("Switch {} not connected; its routes are pushed when it connects", s);
        } else {
            log.warn("Programming switch {} failed: {}", s, cause.toString());
        }
    }
}
