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
import org.weft.net.flow.FlowRuleService;
import org.weft.net.flow.Group;
import org.weft.net.reconcile.IntentSource;
import org.weft.net.reconcile.SwitchEntries;
import org.weft.net.stats.FlowEntry;
import org.weft.net.stats.PortStatistics;
import org.weft.net.stats.StatsService;

class PassTest {

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
    private static class EmptySwitch implements StatsService {
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

    /**
     * One app's pass of a switch holding nothing, flows sent to {@code flows}, groups confirmed.
     */
    private static PartResult passOfEmptySwitch(App app, FlowRuleService flows) throws Exception {
        return Pass.run(
                        SW,
                        List.of(app),
                        false,
                        false,
                        new EmptySwitch(),
                        flows,
                        (dpid, ops) ->
                                CompletableFuture.completedFuture(
                                        BatchResult.confirmed(ops.size())),
                        Runnable::run)
                .get(5, TimeUnit.SECONDS);
    }

    @Test
    void theAppHearsWhichOperationTheSwitchRejectedAndIsNotToldItIsInSync() throws Exception {
        App app = new App();
        SwitchErrorException full =
                new SwitchErrorException(SW, 7, "FLOW_MOD_FAILED", "TABLE_FULL");
        PartResult r =
                passOfEmptySwitch(
                        app,
                        (dpid, ops) ->
                                CompletableFuture.completedFuture(
                                        BatchResult.of(ops.size(), Map.of(1, full))));

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
        passOfEmptySwitch(
                app,
                (dpid, ops) ->
                        CompletableFuture.completedFuture(BatchResult.confirmed(ops.size())));
        assertThat(app.rejected).isEmpty();
        assertThat(app.inSync).hasSize(1);
    }

    /** An app with its own cookie id, wanting {@code wants}, whose ordering the test watches. */
    private static final class OrderedApp implements IntentSource {
        final int id;
        final List<FlowRule> wants;
        final List<String> log;
        int inside;

        OrderedApp(int id, List<FlowRule> wants, List<String> log) {
            this.id = id;
            this.wants = wants;
            this.log = log;
        }

        @Override
        public String name() {
            return "app" + id;
        }

        @Override
        public int appId() {
            return id;
        }

        @Override
        public SwitchEntries intended(Dpid dpid) {
            log.add("intended " + id + (inside > 0 ? " inside" : " outside"));
            return SwitchEntries.flows(wants);
        }

        @Override
        public <T> CompletableFuture<T> exclusive(
                Dpid dpid, java.util.function.Supplier<CompletableFuture<T>> pass) {
            log.add("enter " + id);
            inside++;
            return pass.get()
                    .whenComplete(
                            (r, e) -> {
                                inside--;
                                log.add("leave " + id);
                            });
        }
    }

    private static FlowRule ruleOf(int app, int priority) {
        return FlowRule.builder(SW).priority(priority).cookie(Cookies.make(app, priority)).build();
    }

    @Test
    void onePassReadsTheSwitchOnceInsideEveryAppsOrderingAndEachAppSeesOnlyItsEntries()
            throws Exception {
        List<String> log = new ArrayList<>();
        FlowRule a1 = ruleOf(0x11, 1);
        FlowRule a2 = ruleOf(0x11, 2);
        FlowRule b1 = ruleOf(0x12, 1);
        FlowRule stranger = ruleOf(0x13, 1);
        OrderedApp a = new OrderedApp(0x11, List.of(a1, a2), log);
        OrderedApp b = new OrderedApp(0x12, List.of(), log);
        int[] reads = {0};
        StatsService holding =
                new EmptySwitch() {
                    @Override
                    public CompletableFuture<List<FlowEntry>> getFlowEntries(Dpid dpid) {
                        reads[0]++;
                        log.add("read");
                        return CompletableFuture.completedFuture(
                                List.of(a1, b1, stranger).stream()
                                        .map(r -> new FlowEntry(r, 0, 0, 0))
                                        .toList());
                    }
                };
        List<FlowRuleOperation> sent = new ArrayList<>();

        PartResult r =
                Pass.run(
                                SW,
                                List.of(a, b),
                                false,
                                false,
                                holding,
                                (dpid, ops) -> {
                                    sent.addAll(ops);
                                    return CompletableFuture.completedFuture(
                                            BatchResult.confirmed(ops.size()));
                                },
                                (dpid, ops) ->
                                        CompletableFuture.completedFuture(
                                                BatchResult.confirmed(ops.size())),
                                Runnable::run)
                        .get(5, TimeUnit.SECONDS);

        assertThat(reads[0]).as("one read for both apps").isEqualTo(1);
        assertThat(log)
                .containsExactly(
                        "enter 17",
                        "enter 18",
                        "read",
                        "intended 17 inside",
                        "intended 18 inside",
                        "leave 18",
                        "leave 17");
        assertThat(sent)
                .as("a's missing entry added, b's unwanted one removed, the stranger's kept")
                .containsExactly(FlowRuleOperation.add(a2), FlowRuleOperation.remove(b1));
        assertThat(r.added()).isEqualTo(1);
        assertThat(r.removed()).isEqualTo(1);
    }
}
