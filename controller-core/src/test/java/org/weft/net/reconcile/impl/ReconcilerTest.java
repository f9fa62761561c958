package org.weft.net.reconcile.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.util.concurrent.MoreExecutors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.net.MacAddress;
import org.weft.net.flow.Cookies;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.Group;
import org.weft.net.reconcile.IntentSource;
import org.weft.net.reconcile.PassReport;
import org.weft.net.reconcile.SwitchEntries;
import org.weft.net.reconcile.SyncState;
import org.weft.net.testing.FakeDeviceService;
import org.weft.net.testing.FakeSwitchTables;
import org.weft.time.VirtualTime;

/**
 * The reconciler on virtual time, its state on the test's thread (a sequential direct executor):
 * the fakes answer at once, so every pass a call starts has ended when the call returns, and
 * periodic passes and back-off happen only when the test advances time.
 */
class ReconcilerTest {

    private static final int APP = 7;
    private static final int OTHER_APP = 9;
    private static final Dpid S1 = Dpid.of(1);
    private static final Dpid S2 = Dpid.of(2);

    private final FakeDeviceService devices = new FakeDeviceService();
    private final FakeSwitchTables tables = new FakeSwitchTables();
    private final VirtualTime time = new VirtualTime();
    private final App app = new App(time);
    private Reconciler reconciler;

    /** An app whose intent the test sets, recording what the reconciler tells it. */
    private static final class App implements IntentSource {
        final VirtualTime time;
        final Map<Dpid, SwitchEntries> intent = new ConcurrentHashMap<>();
        final List<Long> passStartedAt = new ArrayList<>();
        final Map<Dpid, List<Group>> groupsAfter = new ConcurrentHashMap<>();
        final Map<Dpid, SwitchEntries> inSync = new ConcurrentHashMap<>();
        volatile int exclusiveRuns;

        App(VirtualTime time) {
            this.time = time;
        }

        @Override
        public String name() {
            return "test";
        }

        @Override
        public int appId() {
            return APP;
        }

        @Override
        public boolean hasGroups() {
            return true;
        }

        @Override
        public boolean ownsGroup(int groupId) {
            return groupId < 100;
        }

        @Override
        public SwitchEntries intended(Dpid dpid) {
            return intent.getOrDefault(dpid, SwitchEntries.EMPTY);
        }

        @Override
        public <T> CompletableFuture<T> exclusive(Dpid dpid, Supplier<CompletableFuture<T>> pass) {
            exclusiveRuns++;
            passStartedAt.add(time.nanos());
            return pass.get();
        }

        @Override
        public void groupsAfterPass(Dpid dpid, List<Group> groups) {
            groupsAfter.put(dpid, groups);
        }

        @Override
        public void inSync(Dpid dpid, SwitchEntries intended) {
            inSync.put(dpid, intended);
        }
    }

    private static FlowRule rule(Dpid s, int app, long dst, int port) {
        return rule(s, app, dst, port, 0);
    }

    private static FlowRule rule(Dpid s, int app, long dst, int port, int idle) {
        return FlowRule.builder(s)
                .priority(100)
                .match(FlowMatch.builder().ethDst(MacAddress.of(dst)).build())
                .actions(FlowAction.output(port))
                .idleTimeout(idle)
                .cookie(Cookies.make(app, dst))
                .build();
    }

    private static Group group(Dpid s, int id, int port) {
        return new Group(
                s,
                id,
                Group.Type.SELECT,
                List.of(new Group.Bucket(1, null, List.of(FlowAction.output(port)))));
    }

    private Reconciler start(ReconcileConfig config) {
        reconciler =
                new Reconciler(
                        devices,
                        tables,
                        tables,
                        tables,
                        tables,
                        config,
                        time,
                        MoreExecutors.newSequentialExecutor(MoreExecutors.directExecutor()));
        reconciler.register(app);
        return reconciler.start();
    }

    private static ReconcileConfig config(Duration interval) {
        return new ReconcileConfig(
                interval, 16, Duration.ofMillis(20), Duration.ofMillis(80), false);
    }

    /** Connects a switch; its connect pass has ended on return. */
    private void connect(Dpid s) {
        tables.connect(s);
        devices.connect(s.value(), 4);
        assertThat(reconciler.state(s)).isEqualTo(SyncState.IN_SYNC);
    }

    /** Asks for a pass, which has ended on return. */
    private PassReport reconcileNow(Dpid s) {
        CompletableFuture<PassReport> f = reconciler.reconcile(s);
        assertThat(f).isDone();
        return f.join();
    }

    @AfterEach
    void stop() {
        if (reconciler != null) {
            reconciler.close();
        }
    }

    @Test
    void
            aPassAddsWhatIsMissingReplacesWhatDiffersRemovesWhatNoLongerIsWantedAndLeavesOthersAlone() {
        start(config(Duration.ofHours(1)));
        connect(S1);
        FlowRule wantedMissing = rule(S1, APP, 1, 1);
        FlowRule wantedChanged = rule(S1, APP, 2, 2);
        FlowRule extra = rule(S1, APP, 3, 3);
        FlowRule othersEntry = rule(S1, OTHER_APP, 4, 4);
        tables.put(rule(S1, APP, 2, 9));
        tables.put(extra);
        tables.put(othersEntry);
        app.intent.put(S1, SwitchEntries.flows(List.of(wantedMissing, wantedChanged)));

        PassReport r = reconcileNow(S1);

        assertThat(tables.flows(S1))
                .containsExactlyInAnyOrder(wantedMissing, wantedChanged, othersEntry);
        assertThat(r.added()).isEqualTo(1);
        assertThat(r.modified()).isEqualTo(1);
        assertThat(r.removed()).isEqualTo(1);
        assertThat(r.failed()).isZero();
        assertThat(r.state()).isEqualTo(SyncState.IN_SYNC);
        assertThat(reconciler.state(S1)).isEqualTo(SyncState.IN_SYNC);
        assertThat(app.exclusiveRuns).as("each part runs inside the app's own order").isPositive();
        assertThat(app.inSync).containsKey(S1);
    }

    @Test
    void aSwitchAlreadyEqualToIntentGetsNoOperation() {
        start(config(Duration.ofHours(1)));
        connect(S1);
        FlowRule r1 = rule(S1, APP, 1, 1);
        tables.put(r1);
        app.intent.put(S1, SwitchEntries.flows(List.of(r1)));
        int before = tables.flowOps.size();

        PassReport r = reconcileNow(S1);

        assertThat(r.changes()).isZero();
        assertThat(tables.flowOps).hasSize(before);
    }

    @Test
    void entriesWithoutAnOwningAppAreRemovedOnlyWhenConfigured() {
        start(
                new ReconcileConfig(
                        Duration.ofHours(1),
                        4,
                        Duration.ofMillis(20),
                        Duration.ofMillis(80),
                        true));
        connect(S1);
        FlowRule stranger = rule(S1, OTHER_APP, 4, 4);
        tables.put(stranger);
        tables.put(group(S1, 500, 1));

        reconcileNow(S1);

        assertThat(tables.flows(S1)).doesNotContain(stranger);
        assertThat(tables.groups(S1)).isEmpty();
    }

    @Test
    void groupsAreAddedBeforeFlowsAndStaleOnesRemovedAfterThem() {
        start(config(Duration.ofHours(1)));
        connect(S1);
        Group stale = group(S1, 5, 1);
        Group changedOnSwitch = group(S1, 6, 1);
        Group wanted6 = group(S1, 6, 2);
        Group wanted7 = group(S1, 7, 3);
        Group foreign = group(S1, 500, 1);
        tables.put(stale);
        tables.put(changedOnSwitch);
        tables.put(foreign);
        FlowRule viaGroup =
                FlowRule.builder(S1)
                        .priority(100)
                        .match(FlowMatch.builder().ethDst(MacAddress.of(9)).build())
                        .actions(FlowAction.group(7))
                        .cookie(Cookies.make(APP, 9))
                        .build();
        app.intent.put(S1, new SwitchEntries(List.of(viaGroup), List.of(wanted6, wanted7)));

        reconcileNow(S1);

        assertThat(tables.groups(S1)).containsExactlyInAnyOrder(wanted6, wanted7, foreign);
        assertThat(tables.groupOps.get(tables.groupOps.size() - 1).group()).isEqualTo(stale);
        assertThat(app.groupsAfter.get(S1)).containsExactlyInAnyOrder(wanted6, wanted7);
    }

    @Test
    void anExpiredEntryWithATimeoutIsNotAddedAgain() {
        start(config(Duration.ofHours(1)));
        connect(S1);
        app.intent.put(S1, SwitchEntries.flows(List.of(rule(S1, APP, 1, 1, 30))));

        PassReport r = reconcileNow(S1);

        assertThat(r.added()).isZero();
        assertThat(tables.flows(S1)).isEmpty();
    }

    @Test
    void aSwitchThatRejectsStaysDivergedAndConvergesOnTheFirstPassAfterItAccepts() {
        start(config(Duration.ofHours(1)));
        tables.connect(S1);
        tables.reject(S1, "TABLE_FULL");
        FlowRule r1 = rule(S1, APP, 1, 1);
        app.intent.put(S1, SwitchEntries.flows(List.of(r1)));
        devices.connect(S1.value(), 4);

        assertThat(reconciler.state(S1)).isEqualTo(SyncState.DIVERGED);
        assertThat(reconciler.divergedSwitches()).containsExactly(S1);
        int readsWhileRejecting = tables.reads.get();
        time.advance(Duration.ofMillis(200));
        assertThat(tables.reads.get()).isGreaterThanOrEqualTo(readsWhileRejecting + 2);
        assertThat(tables.flows(S1)).as("retried with back-off, still rejected").isEmpty();

        tables.reject(S1, null);
        time.advance(Duration.ofMillis(80)); // the longest back-off

        assertThat(reconciler.state(S1)).isEqualTo(SyncState.IN_SYNC);
        assertThat(tables.flows(S1)).containsExactly(r1);
        assertThat(reconciler.divergedSwitches()).isEmpty();
        assertThat(reconciler.stats().failedPasses()).isPositive();
    }

    @Test
    void retriesBackOffDoublingFromTheLeastToTheMostWait() {
        start(config(Duration.ofHours(1))); // back-off 20 ms to 80 ms
        tables.connect(S1);
        tables.reject(S1, "TABLE_FULL");
        app.intent.put(S1, SwitchEntries.flows(List.of(rule(S1, APP, 1, 1))));
        devices.connect(S1.value(), 4);

        time.advance(Duration.ofMillis(220));

        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < app.passStartedAt.size(); i++) {
            gaps.add((app.passStartedAt.get(i) - app.passStartedAt.get(i - 1)) / 1_000_000);
        }
        assertThat(gaps).containsExactly(20L, 40L, 80L, 80L);
    }

    @Test
    void aFailedBatchOfAnAppHandsTheSwitchToTheReconciler() {
        start(config(Duration.ofHours(1)));
        connect(S1);
        FlowRule r1 = rule(S1, APP, 1, 1);
        app.intent.put(S1, SwitchEntries.flows(List.of(r1)));
        // The app's own write is rejected; nothing else triggers a pass within the hour.
        tables.reject(S1, "TABLE_FULL");
        tables.apply(S1, List.of(org.weft.net.flow.FlowRuleOperation.add(r1)));
        assertThat(reconciler.state(S1)).isEqualTo(SyncState.DIVERGED);
        tables.reject(S1, null);
        time.advance(Duration.ofMillis(19));
        assertThat(tables.flows(S1)).as("not before the back-off").doesNotContain(r1);

        time.advance(Duration.ofMillis(1));

        assertThat(tables.flows(S1)).contains(r1);
        assertThat(reconciler.state(S1)).isEqualTo(SyncState.IN_SYNC);
    }

    @Test
    void everySwitchIsRepairedPeriodicallyAtAPhaseOfItsOwn() {
        ReconcileConfig config = config(Duration.ofMillis(300));
        start(config);
        connect(S1);
        connect(S2);
        FlowRule r1 = rule(S1, APP, 1, 1);
        FlowRule r2 = rule(S2, APP, 1, 1);
        app.intent.put(S1, SwitchEntries.flows(List.of(r1)));
        app.intent.put(S2, SwitchEntries.flows(List.of(r2)));
        time.advance(config.interval());
        assertThat(tables.flows(S1)).containsExactly(r1);
        assertThat(tables.flows(S2)).containsExactly(r2);

        tables.wipe(S1);
        FlowRule tampered = rule(S2, APP, 1, 3);
        tables.put(tampered);
        assertThat(config.phase(S1)).isNotEqualTo(config.phase(S2));
        time.advance(config.interval());

        assertThat(tables.flows(S1)).containsExactly(r1);
        assertThat(tables.flows(S2)).containsExactly(r2);
    }

    @Test
    void passesInFlightAreBoundedAndASwitchWaitsInTheQueueOnce() {
        start(
                new ReconcileConfig(
                        Duration.ofHours(1),
                        2,
                        Duration.ofMillis(20),
                        Duration.ofMillis(80),
                        false));
        List<Dpid> all = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            Dpid d = Dpid.of(i);
            tables.connect(d);
            tables.hang(d, true);
            all.add(d);
        }
        all.forEach(d -> devices.connect(d.value(), 2));
        all.forEach(d -> reconciler.reconcile(d));
        all.forEach(d -> reconciler.reconcile(d));

        // Two passes hang in flight, the rest wait once each.
        assertThat(reconciler.stats().queued()).isEqualTo(4);
        assertThat(reconciler.stats().running()).isEqualTo(2);
    }

    @Test
    void aDisconnectedSwitchsWaitersFailAndItIsForgotten() {
        start(config(Duration.ofHours(1)));
        tables.connect(S1);
        tables.hang(S1, true);
        devices.connect(S1.value(), 2);
        CompletableFuture<PassReport> waiting = reconciler.reconcile(S1);

        devices.disconnect(S1.value());

        assertThat(waiting).isCompletedExceptionally();
        assertThatThrownBy(waiting::join)
                .hasRootCauseInstanceOf(org.weft.net.DeviceNotConnectedException.class);
        assertThat(reconciler.state(S1)).isEqualTo(SyncState.UNKNOWN);
        assertThat(reconciler.divergedSwitches()).isEmpty();
    }

    @Test
    void closingCancelsEveryTimer() {
        start(config(Duration.ofMillis(300)));
        tables.connect(S1);
        tables.reject(S1, "TABLE_FULL");
        app.intent.put(S1, SwitchEntries.flows(List.of(rule(S1, APP, 1, 1))));
        devices.connect(S1.value(), 4);
        assertThat(time.pendingTasks()).as("periodic pass and retry").isEqualTo(2);

        reconciler.close();

        assertThat(time.pendingTasks()).isZero();
        int reads = tables.reads.get();
        time.advance(Duration.ofMinutes(1));
        assertThat(tables.reads.get()).isEqualTo(reads);
    }
}
