package org.weft.routing;

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
 * The one writer of routing entries to each switch. Steps for one switch run one after the other
 * (whichever destination they are for, and audits in between), so no step sees the switch half-way
 * through another. Group operations are decided against a shadow of the groups the switch holds, so
 * a group is added only when it is absent, modified when it differs and removed only when present:
 * the switch never answers GROUP_EXISTS, UNKNOWN_GROUP or BAD_OUT_GROUP. Within a step: groups
 * added or changed, rules added or changed, stale rules removed, stale groups removed (make before
 * break), each confirmed by a barrier.
 */
final class SwitchWriter {

    private static final Logger log = LoggerFactory.getLogger(SwitchWriter.class);

    private final FlowRuleService flows;
    private final GroupService groups;
    private final Map<Dpid, CompletableFuture<Integer>> tails = new ConcurrentHashMap<>();
    private final Map<Dpid, Map<Integer, Group>> groupsOn = new ConcurrentHashMap<>();

    SwitchWriter(FlowRuleService flows, GroupService groups) {
        this.flows = flows;
        this.groups = groups;
    }

    /** Runs a step for a switch after every step queued before it for that switch. */
    synchronized CompletableFuture<Integer> enqueue(
            Dpid s, Supplier<CompletableFuture<Integer>> step) {
        CompletableFuture<Integer> tail =
                tails.getOrDefault(s, CompletableFuture.completedFuture(0));
        CompletableFuture<Integer> next = tail.handle((n, e) -> 0).thenCompose(x -> step.get());
        tails.put(s, next);
        next.whenComplete((n, e) -> tails.remove(s, next));
        return next;
    }

    boolean isIdle() {
        return tails.isEmpty();
    }

    /** Moves one destination's entries on a switch from {@code before} to {@code after}. */
    CompletableFuture<Integer> change(
            Dpid s,
            List<FlowRule> beforeFlows,
            List<Group> beforeGroups,
            List<FlowRule> afterFlows,
            List<Group> afterGroups) {
        return enqueue(
                s,
                () ->
                        write(
                                s,
                                SwitchDiff.flows(beforeFlows, afterFlows),
                                beforeGroups,
                                afterGroups));
    }

    /**
     * Audits a switch: what it reports (read inside the step, after everything queued before)
     * against what is intended (also computed inside the step).
     */
    CompletableFuture<Integer> reconcile(
            Dpid s, Supplier<CompletableFuture<Actual>> read, Supplier<RoutingPlan> intent) {
        return enqueue(
                s,
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
                                        }));
    }

    /** What a switch reported: its routing flows and all its groups. */
    record Actual(List<FlowRule> flows, List<Group> groups) {}

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
