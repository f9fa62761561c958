package org.weft.net.reconcile.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.net.SwitchErrorException;
import org.weft.net.flow.BatchResult;
import org.weft.net.flow.Cookies;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.flow.Group;
import org.weft.net.reconcile.IntentSource;
import org.weft.net.reconcile.SwitchEntries;
import org.weft.net.stats.FlowEntry;
import org.weft.net.stats.PortStatistics;
import org.weft.net.stats.StatsService;

class PassPartTest {

    private static final Dpid SW = Dpid.of(1);
    private static final int APP = 0x10;

    private static FlowRule rule(int priority) {
        return FlowRule.builder(SW).priority(priority).cookie(Cookies.make(APP, priority)).build();
    }

    /** An app wanting two flows, recording what the pass tells it. */
    private static final class App implements IntentSource {
        final List<FlowRuleOperation> rejected = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        final List<SwitchEntries> inSync = new ArrayList<>();

        @Override
        public String name() {
            return "app";
        }

        @Override
        public int appId() {
            return APP;
        }

        @Override
        public SwitchEntries intended(Dpid dpid) {
            return SwitchEntries.flows(List.of(rule(1), rule(2)));
        }

        @Override
        public void inSync(Dpid dpid, SwitchEntries intended) {
            inSync.add(intended);
        }

        @Override
        public void rejected(Dpid dpid, FlowRuleOperation op, SwitchErrorException error) {
            rejected.add(op);
            errors.add(error.errorType() + "/" + error.errorCode());
        }
    }

    /** A switch holding nothing of the app. */
    private static final class EmptySwitch implements StatsService {
        @Override
        public CompletableFuture<List<FlowEntry>> getFlowEntries(Dpid dpid) {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public CompletableFuture<List<PortStatistics>> getPortStatistics(Dpid dpid) {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public CompletableFuture<List<Group>> getGroups(Dpid dpid) {
            return CompletableFuture.completedFuture(List.of());
        }
    }

    @Test
    void theAppHearsWhichOperationTheSwitchRejectedAndIsNotToldItIsInSync() throws Exception {
        App app = new App();
        SwitchErrorException full =
                new SwitchErrorException(SW, 7, "FLOW_MOD_FAILED", "TABLE_FULL");
        PartResult r =
                PassPart.run(
                                app,
                                SW,
                                new EmptySwitch(),
                                (dpid, ops) ->
                                        CompletableFuture.completedFuture(
                                                BatchResult.of(ops.size(), Map.of(1, full))),
                                (dpid, ops) ->
                                        CompletableFuture.completedFuture(
                                                BatchResult.confirmed(ops.size())),
                                Runnable::run)
                        .get(5, TimeUnit.SECONDS);

        assertThat(r.added()).isEqualTo(2);
        assertThat(r.failed()).isEqualTo(1);
        assertThat(app.rejected).hasSize(1);
        assertThat(app.rejected.get(0).type()).isEqualTo(FlowRuleOperation.Type.ADD);
        assertThat(app.errors).containsExactly("FLOW_MOD_FAILED/TABLE_FULL");
        assertThat(app.inSync).isEmpty();
    }

    @Test
    void aPassWhoseOperationsAreAllConfirmedSaysInSync() throws Exception {
        App app = new App();
        PassPart.run(
                        app,
                        SW,
                        new EmptySwitch(),
                        (dpid, ops) ->
                                CompletableFuture.completedFuture(
                                        BatchResult.confirmed(ops.size())),
                        (dpid, ops) ->
                                CompletableFuture.completedFuture(
                                        BatchResult.confirmed(ops.size())),
                        Runnable::run)
                .get(5, TimeUnit.SECONDS);
        assertThat(app.rejected).isEmpty();
        assertThat(app.inSync).hasSize(1);
    }
}
