package org.weft.net.reconcile.impl;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.weft.net.Dpid;
import org.weft.net.flow.FlowRuleService;
import org.weft.net.flow.GroupService;
import org.weft.net.reconcile.IntentSource;
import org.weft.net.stats.StatsService;

/**
 * One pass of one switch: every app's part in turn, each inside the app's own ordering ({@link
 * IntentSource#exclusive}), then (when configured) the entries no app owns. Fails when the switch
 * cannot be read or a write's outcome is unknown. While the fabric is {@code settling} after a
 * start, apps that learn their intent after start keep their unintended entries ({@link
 * HeldBackRemovals}).
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
        CompletableFuture<PartResult> f = CompletableFuture.completedFuture(PartResult.NONE);
        for (IntentSource source : sources) {
            f =
                    f.thenCompose(
                            sum ->
                                    source.exclusive(
                                                    dpid,
                                                    () ->
                                                            PassPart.run(
                                                                    source, dpid, settling, stats,
                                                                    flows, groups, executor))
                                            .thenApply(sum::plus));
        }
        if (removeUnknown) {
            f =
                    f.thenCompose(
                            sum ->
                                    UnknownEntries.remove(dpid, sources, stats, flows, groups)
                                            .thenApply(sum::plus));
        }
        return f;
    }
}
