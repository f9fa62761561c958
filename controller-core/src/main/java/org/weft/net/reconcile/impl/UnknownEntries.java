package org.weft.net.reconcile.impl;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.weft.net.Dpid;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.flow.FlowRuleService;
import org.weft.net.flow.Group;
import org.weft.net.flow.GroupOperation;
import org.weft.net.flow.GroupService;
import org.weft.net.reconcile.IntentSource;
import org.weft.net.stats.FlowEntry;

/**
 * Removes what no app owns (flows whose cookie app id no registered app has, groups no app owns)
 * from what a pass read: only when {@code reconcile.removeUnknown} asks for it.
 */
final class UnknownEntries {

    private UnknownEntries() {}

    static CompletableFuture<PartResult> remove(
            Dpid dpid,
            List<FlowEntry> entries,
            List<Group> held,
            List<IntentSource> sources,
            FlowRuleService flows,
            GroupService groups) {
        Set<Integer> apps = new HashSet<>();
        sources.forEach(s -> apps.add(s.appId()));
        Ops ops = ops(entries, held, apps, sources);
        CompletableFuture<Integer> failedFlows =
                ops.flows().isEmpty()
                        ? CompletableFuture.completedFuture(0)
                        : flows.apply(dpid, ops.flows()).thenApply(r -> r.failures().size());
        return failedFlows
                .thenCompose(
                        n ->
                                ops.groups().isEmpty()
                                        ? CompletableFuture.completedFuture(n)
                                        : groups.applyGroups(dpid, ops.groups())
                                                .thenApply(r -> n + r.failures().size()))
                .thenApply(n -> new PartResult(0, 0, ops.flows().size() + ops.groups().size(), n));
    }

    private record Ops(List<FlowRuleOperation> flows, List<GroupOperation> groups) {}

    private static Ops ops(
            List<FlowEntry> entries, List<Group> held, Set<Integer> apps, List<IntentSource> s) {
        List<FlowRuleOperation> f =
                entries.stream()
                        .filter(e -> !apps.contains(e.appId()))
                        .map(e -> FlowRuleOperation.remove(e.rule()))
                        .toList();
        List<GroupOperation> g =
                held.stream()
                        .filter(x -> s.stream().noneMatch(src -> src.ownsGroup(x.groupId())))
                        .map(x -> new GroupOperation(GroupOperation.Type.REMOVE, x))
                        .toList();
        return new Ops(f, g);
    }
}
