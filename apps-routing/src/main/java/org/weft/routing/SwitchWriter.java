package org.weft.routing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.DeviceNotConnectedException;
import org.weft.net.Dpid;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.flow.FlowRuleService;
import org.weft.net.flow.Group;
import org.weft.net.flow.GroupOperation;
import org.weft.net.flow.GroupService;

/**
 * The one writer of routing entries to each switch. Work for one switch runs one batch at a time,
 * in the order it was queued (whichever destination it is for, and audits in between), so no batch
 * sees the switch half-way through another. Changes queued while a batch is in flight are merged
 * into the next batch when they touch different rules and groups, so a re-route of many
 * destinations costs each switch a few barriers, not a few per destination. Group operations are
 * decided against a shadow of the groups the switch holds, so a group is added only when it is
 * absent, modified when it differs and removed only when present: the switch never answers
 * GROUP_EXISTS, UNKNOWN_GROUP or BAD_OUT_GROUP. Within a batch: groups added or changed, rules
 * added or changed, stale rules removed, stale groups removed (make before break), each confirmed
 * by a barrier.
 */
final class SwitchWriter {

    private static final Logger log = LoggerFactory.getLogger(SwitchWriter.class);

    /** Most changes merged into one batch. */
    static final int MAX_MERGED = 256;

    private final FlowRuleService flows;
    private final GroupService groups;
    private final Map<Dpid, Lane> lanes = new ConcurrentHashMap<>();
    private final Map<Dpid, Map<Integer, Group>> groupsOn = new ConcurrentHashMap<>();

    SwitchWriter(FlowRuleService flows, GroupService groups) {
        this.flows = flows;
        this.groups = groups;
    }

    /** One destination's move on a switch, or an audit (which runs alone). */
    private sealed interface Work permits Change, Audit {
        CompletableFuture<Integer> done();
    }

    private record Change(
            List<FlowRuleOperation> flowOps,
            List<Group> beforeGroups,
            List<Group> afterGroups,
            Set<SwitchDiff.Key> rules,
            Set<Integer> groupIds,
            CompletableFuture<Integer> done)
            implements Work {}

    private record Audit(Supplier<CompletableFuture<Integer>> body, CompletableFuture<Integer> done)
            implements Work {}

    /** A switch's queue; {@code busy} while a batch is in flight (guarded by the lane). */
    private static final class Lane {
        final ArrayDeque<Work> pending = new ArrayDeque<>();
        boolean busy;
    }

    boolean isIdle() {
        for (Lane lane : lanes.values()) {
            synchronized (lane) {
                if (lane.busy || !lane.pending.isEmpty()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Moves one destination's entries on a switch from {@code before} to {@code after}. */
    CompletableFuture<Integer> change(
            Dpid s,
            List<FlowRule> beforeFlows,
            List<Group> beforeGroups,
            List<FlowRule> afterFlows,
            List<Group> afterGroups) {
        if (beforeFlows.equals(afterFlows) && beforeGroups.equals(afterGroups)) {
            return CompletableFuture.completedFuture(0);
        }
        List<FlowRuleOperation> ops = SwitchDiff.flows(beforeFlows, afterFlows);
        if (ops.isEmpty() && beforeGroups.equals(afterGroups)) {
            // Nothing to send: not worth waiting behind other destinations' batches (an egress
            // switch that keeps its entries must not hold up the rest of the re-route).
            return CompletableFuture.completedFuture(0);
        }
        Set<SwitchDiff.Key> rules = new HashSet<>();
        ops.forEach(op -> rules.add(SwitchDiff.Key.of(op.rule())));
        Set<Integer> ids = new HashSet<>();
        beforeGroups.forEach(g -> ids.add(g.groupId()));
        afterGroups.forEach(g -> ids.add(g.groupId()));
        return submit(
                s,
                new Change(ops, beforeGroups, afterGroups, rules, ids, new CompletableFuture<>()));
    }

    /**
     * Audits a switch: what it reports (read when the audit's turn comes, after everything queued
     * before) against what is intended (also computed then).
     */
    CompletableFuture<Integer> reconcile(
            Dpid s, Supplier<CompletableFuture<Actual>> read, Supplier<RoutingPlan> intent) {
        Supplier<CompletableFuture<Integer>> body =
                () ->
                        read.get()
                                .thenCompose(
                                        actual -> {
                                            Map<Integer, Group> shadow = new ConcurrentHashMap<>();
                                            actual.groups()
                                                    .forEach(g -> shadow.put(g.groupId(), g));
                                            groupsOn.put(s, shadow);
                                            RoutingPlan want = intent.get();
                                            return write(
                                                    s,
                                                    SwitchDiff.flows(
                                                            actual.flows(), want.flows().get(s)),
                                                    actual.groups(),
                                                    want.groups().get(s));
                                        });
        return submit(s, new Audit(body, new CompletableFuture<>()));
    }

    /** What a switch reported: its routing flows and all its groups. */
    record Actual(List<FlowRule> flows, List<Group> groups) {}

    private CompletableFuture<Integer> submit(Dpid s, Work w) {
        Lane lane = lanes.computeIfAbsent(s, d -> new Lane());
        boolean start;
        synchronized (lane) {
            lane.pending.add(w);
            start = !lane.busy;
            lane.busy = true;
        }
        if (start) {
            drain(s, lane);
        }
        return w.done();
    }

    /** Runs the lane's batches until it is empty or a batch is still waiting for its barrier. */
    private void drain(Dpid s, Lane lane) {
        while (true) {
            List<Work> batch;
            synchronized (lane) {
                if (lane.pending.isEmpty()) {
                    lane.busy = false;
                    return;
                }
                batch = nextBatch(lane.pending);
            }
            CompletableFuture<?> f = run(s, batch);
            if (!f.isDone()) {
                f.whenComplete((x, e) -> drain(s, lane));
                return;
            }
        }
    }

    /** An audit alone, or the longest run of changes touching different rules and groups. */
    private static List<Work> nextBatch(ArrayDeque<Work> pending) {
        List<Work> batch = new ArrayList<>();
        if (pending.peekFirst() instanceof Audit) {
            batch.add(pending.pollFirst());
            return batch;
        }
        Set<SwitchDiff.Key> rules = new HashSet<>();
        Set<Integer> ids = new HashSet<>();
        while (batch.size() < MAX_MERGED && pending.peekFirst() instanceof Change c) {
            if (!disjoint(rules, c.rules()) || !disjoint(ids, c.groupIds())) {
                break;
            }
            rules.addAll(c.rules());
            ids.addAll(c.groupIds());
            batch.add(pending.pollFirst());
        }
        return batch;
    }

    private static <T> boolean disjoint(Set<T> a, Set<T> b) {
        return b.stream().noneMatch(a::contains);
    }

    /** Runs a batch; every work's future completes when it ends. */
    private CompletableFuture<?> run(Dpid s, List<Work> batch) {
        if (batch.get(0) instanceof Audit a) {
            CompletableFuture<Integer> f;
            try {
                f = a.body().get();
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            return f.whenComplete(
                    (n, e) -> {
                        if (e != null) {
                            a.done().completeExceptionally(e);
                        } else {
                            a.done().complete(n);
                        }
                    });
        }
        List<FlowRuleOperation> ops = new ArrayList<>();
        List<FlowRuleOperation> removes = new ArrayList<>();
        List<Group> before = new ArrayList<>();
        List<Group> after = new ArrayList<>();
        for (Work w : batch) {
            Change c = (Change) w;
            for (FlowRuleOperation op : c.flowOps()) {
                (op.type() == FlowRuleOperation.Type.ADD ? ops : removes).add(op);
            }
            before.addAll(c.beforeGroups());
            after.addAll(c.afterGroups());
        }
        // Every change's additions before any change's removals: make before break holds for the
        // merged batch too (the changes touch different rules, so the order between them is free).
        ops.addAll(removes);
        CompletableFuture<Integer> f;
        try {
            f = write(s, ops, before, after);
        } catch (RuntimeException e) {
            failed(s, e);
            f = CompletableFuture.completedFuture(0);
        }
        return f.whenComplete(
                (n, e) -> {
                    // Each change counts its own flow operations; the batch's group operations
                    // are counted on the first, so the counts add up to what was sent.
                    int rest = 0;
                    for (int i = 1; i < batch.size(); i++) {
                        int own = ((Change) batch.get(i)).flowOps().size();
                        rest += own;
                        batch.get(i).done().complete(n == null || n == 0 ? 0 : own);
                    }
                    batch.get(0).done().complete(n == null || n == 0 ? 0 : n - rest);
                });
    }

    private CompletableFuture<Integer> write(
            Dpid s,
            List<FlowRuleOperation> flowOps,
            List<Group> beforeGroups,
            List<Group> afterGroups) {
        Map<Integer, Group> shadow = groupsOn.computeIfAbsent(s, d -> new ConcurrentHashMap<>());
        List<GroupOperation> first = new ArrayList<>();
        Set<Integer> kept = new HashSet<>();
        for (Group g : afterGroups) {
            kept.add(g.groupId());
            Group cur = shadow.get(g.groupId());
            if (cur == null) {
                first.add(new GroupOperation(GroupOperation.Type.ADD, g));
            } else if (!cur.equals(g)) {
                first.add(new GroupOperation(GroupOperation.Type.MODIFY, g));
            }
        }
        List<GroupOperation> last = new ArrayList<>();
        for (Group g : beforeGroups) {
            if (!kept.contains(g.groupId()) && shadow.containsKey(g.groupId())) {
                last.add(new GroupOperation(GroupOperation.Type.REMOVE, shadow.get(g.groupId())));
            }
        }
        int ops = first.size() + flowOps.size() + last.size();
        if (ops == 0) {
            return CompletableFuture.completedFuture(0);
        }
        first.forEach(op -> shadow.put(op.group().groupId(), op.group()));
        last.forEach(op -> shadow.remove(op.group().groupId()));
        CompletableFuture<Void> f =
                first.isEmpty()
                        ? CompletableFuture.completedFuture(null)
                        : groups.applyGroups(s, first);
        f =
                f.thenCompose(
                        x ->
                                flowOps.isEmpty()
                                        ? CompletableFuture.completedFuture(null)
                                        : flows.apply(s, flowOps));
        if (!last.isEmpty()) {
            f = f.thenCompose(x -> groups.applyGroups(s, last));
        }
        return f.handle(
                (ok, e) -> {
                    if (e != null) {
                        failed(s, e);
                    }
                    return ops;
                });
    }

    private void failed(Dpid s, Throwable e) {
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
