package org.weft.net.reconcile.impl;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.weft.net.Dpid;
import org.weft.net.flow.FlowRuleService;
import org.weft.net.flow.Group;
import org.weft.net.flow.GroupService;
import org.weft.net.reconcile.IntentSource;
import org.weft.net.reconcile.SwitchEntries;
import org.weft.net.stats.FlowEntry;
import org.weft.net.stats.StatsService;

/**
 * One pass of one switch: inside every app's own ordering ({@link IntentSource#exclusive}, nested
 * in registration order), one read of the switch's flows (and of its groups when an app has any),
 * then every app's part in turn on its share of that read, then (when configured) the entries no
 * app owns. One read instead of one per app: a pass costs the switch one table walk and one round
 * trip, however many apps are registered. Fails when the switch cannot be read or a write's outcome
 * is unknown. While the fabric is {@code settling} after a start, apps that learn their intent
 * after start keep their unintended entries ({@link HeldBackRemovals}).
 */
final class Pass {

    private Pass() {}

    static CompletableFuture<PartResult> run(
            Dpid dpid,
            List<IntentSource> sources,
            boolean settling,
            boolean removeUnknown,
            StatsService stats,
            FlowRuleService flows,
            GroupService groups,
            Executor executor) {
        Supplier<CompletableFuture<PartResult>> pass =
                () ->
                        read(dpid, sources, removeUnknown, stats)
                                .thenComposeAsync(
                                        r ->
                                                parts(
                                                        r,
                                                        dpid,
                                                        sources,
                                                        settling,
                                                        removeUnknown,
                                                        flows,
                                                        groups,
                                                        executor),
                                        executor);
        for (int i = sources.size() - 1; i >= 0; i--) {
            IntentSource source = sources.get(i);
            Supplier<CompletableFuture<PartResult>> inner = pass;
            pass = () -> source.exclusive(dpid, inner);
        }
        return pass.get();
    }

    /** What the pass read: every flow entry, and the groups when anyone needs them. */
    private record Read(List<FlowEntry> flows, List<Group> groups) {

        /** One app's share: its cookie's flows and the groups it owns. */
        SwitchEntries of(IntentSource source) {
            return new SwitchEntries(
                    flows.stream()
                            .filter(e -> e.appId() == source.appId())
                            .map(FlowEntry::rule)
                            .toList(),
                    source.hasGroups()
                            ? groups.stream().filter(g -> source.ownsGroup(g.groupId())).toList()
                            : List.of());
        }
    }

    private static CompletableFuture<Read> read(
            Dpid dpid, List<IntentSource> sources, boolean removeUnknown, StatsService stats) {
        boolean needGroups = removeUnknown || sources.stream().anyMatch(IntentSource::hasGroups);
        CompletableFuture<List<Group>> readGroups =
                needGroups ? stats.getGroups(dpid) : CompletableFuture.completedFuture(List.of());
        return stats.getFlowEntries(dpid).thenCombine(readGroups, Read::new);
    }

    /** Every app's part in turn on the reconciler's executor, then the unknown entries. */
    private static CompletableFuture<PartResult> parts(
            Read read,
            Dpid dpid,
            List<IntentSource> sources,
            boolean settling,
            boolean removeUnknown,
            FlowRuleService flows,
            GroupService groups,
            Executor executor) {
        CompletableFuture<PartResult> f = CompletableFuture.completedFuture(PartResult.NONE);
        for (IntentSource source : sources) {
            boolean holdBack = settling && source.learnsIntentAfterStart();
            f =
                    f.thenComposeAsync(
                            sum ->
                                    PassPart.converge(
                                                    source,
                                                    dpid,
                                                    read.of(source),
                                                    holdBack,
                                                    flows,
                                                    groups)
                                            .thenApply(sum::plus),
                            executor);
        }
        if (removeUnknown) {
            f =
                    f.thenCompose(
                            sum ->
                                    UnknownEntries.remove(
                                                    dpid,
                                                    read.flows(),
                                                    read.groups(),
                                                    sources,
                                                    flows,
                                                    groups)
                                            .thenApply(sum::plus));
        }
        return f;
    }
}
