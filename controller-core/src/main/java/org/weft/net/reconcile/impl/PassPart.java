package org.weft.net.reconcile.impl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.Dpid;
import org.weft.net.flow.BatchResult;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.flow.FlowRuleService;
import org.weft.net.flow.Group;
import org.weft.net.flow.GroupOperation;
import org.weft.net.flow.GroupService;
import org.weft.net.reconcile.IntentSource;
import org.weft.net.reconcile.SwitchEntries;

/**
 * One app's part of a pass on one switch: diff its share of what the pass read against its intent
 * (computed after the read, on the reconciler's thread), send the diff in stages, each confirmed by
 * a barrier before the next: groups added or changed, flows, then stale groups removed only when
 * everything before was confirmed (make before break).
 */
final class PassPart {

    private static final Logger log = LoggerFactory.getLogger(PassPart.class);

    private PassPart() {}

    /** Diffs the app's share of what the switch holds against its intent and sends the diff. */
    static CompletableFuture<PartResult> converge(
            IntentSource source,
            Dpid dpid,
            SwitchEntries actual,
            boolean holdBack,
            FlowRuleService flows,
            GroupService groups) {
        SwitchEntries intended = source.intended(dpid);
        EntryDiff all = EntryDiff.between(actual, intended);
        EntryDiff diff = holdBack ? HeldBackRemovals.of(all, intended) : all;
        int heldBack = diff.heldBack();
        Map<Integer, Group> held = new LinkedHashMap<>();
        actual.groups().forEach(g -> held.put(g.groupId(), g));
        if (diff.isEmpty()) {
            source.groupsAfterPass(dpid, List.copyOf(held.values()));
            if (heldBack == 0) {
                source.inSync(dpid, intended);
            }
            return CompletableFuture.completedFuture(new PartResult(0, 0, 0, 0, heldBack));
        }
        if (log.isDebugEnabled()) {
            logDiff(source, dpid, diff);
        }
        int[] failed = {0};
        CompletableFuture<Boolean> f =
                diff.groupsFirst().isEmpty()
                        ? CompletableFuture.completedFuture(true)
                        : groups.applyGroups(dpid, diff.groupsFirst())
                                .thenApply(r -> applied(r, diff.groupsFirst(), held, failed));
        f =
                f.thenCompose(
                        clean ->
                                diff.flows().isEmpty()
                                        ? CompletableFuture.completedFuture(clean)
                                        : flows.apply(dpid, diff.flows())
                                                .thenApply(
                                                        r ->
                                                                flowsApplied(
                                                                                source,
                                                                                dpid,
                                                                                diff.flows(),
                                                                                r,
                                                                                failed)
                                                                        && clean));
        f =
                f.thenCompose(
                        clean -> {
                            if (diff.groupsLast().isEmpty()) {
                                return CompletableFuture.completedFuture(clean);
                            }
                            if (!clean) {
                                failed[0] += diff.groupsLast().size();
                                return CompletableFuture.completedFuture(false);
                            }
                            return groups.applyGroups(dpid, diff.groupsLast())
                                    .thenApply(r -> applied(r, diff.groupsLast(), held, failed));
                        });
        return f.thenApply(
                clean -> {
                    source.groupsAfterPass(dpid, List.copyOf(held.values()));
                    if (failed[0] == 0 && heldBack == 0) {
                        source.inSync(dpid, intended);
                    }
                    return new PartResult(
                            diff.added(), diff.modified(), diff.removed(), failed[0], heldBack);
                });
    }

    /** Each entry the pass changes, at DEBUG: what an operator needs to see why traffic moved. */
    private static void logDiff(IntentSource source, Dpid dpid, EntryDiff diff) {
        diff.flows()
                .forEach(
                        op -> log.debug("{} {}: {} {}", source.name(), dpid, op.type(), op.rule()));
        java.util.stream.Stream.concat(diff.groupsFirst().stream(), diff.groupsLast().stream())
                .forEach(
                        op ->
                                log.debug(
                                        "{} {}: group {} {}",
                                        source.name(),
                                        dpid,
                                        op.type(),
                                        op.group()));
    }

    /** Counts and tells the app the flow operations the switch rejected; whether none was. */
    private static boolean flowsApplied(
            IntentSource source,
            Dpid dpid,
            List<FlowRuleOperation> ops,
            BatchResult r,
            int[] failed) {
        failed[0] += r.failures().size();
        r.failures().forEach((i, e) -> source.rejected(dpid, ops.get(i), e));
        return r.ok();
    }

    /** Applies the confirmed group operations to {@code held}; whether all were confirmed. */
    private static boolean applied(
            BatchResult r, List<GroupOperation> ops, Map<Integer, Group> held, int[] failed) {
        for (int i = 0; i < ops.size(); i++) {
            GroupOperation op = ops.get(i);
            if (r.failed(i)) {
                failed[0]++;
            } else if (op.type() == GroupOperation.Type.REMOVE) {
                held.remove(op.group().groupId());
            } else {
                held.put(op.group().groupId(), op.group());
            }
        }
        return r.ok();
    }
}
