package org.weft.net.reconcile.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.net.flow.FlowRule;
import org.weft.net.reconcile.PassReport;
import org.weft.net.reconcile.SwitchEntries;
import org.weft.net.reconcile.SyncState;

/** When passes run: back-off after failures, periodic repair, the bound on passes in flight. */
class ReconcilerSchedulingTest extends ReconcilerTestBase {

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
        // The first periodic pass falls within one and a half intervals of connecting.
        time.advance(config.interval().multipliedBy(3).dividedBy(2));
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
    void theFirstPeriodicPassComesNoSoonerThanHalfAnIntervalAfterConnecting() {
        ReconcileConfig config = config(Duration.ofSeconds(10));
        Duration half = config.interval().dividedBy(2);
        List<Dpid> all = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            all.add(Dpid.of(i));
        }
        assertThat(all)
                .as("some switches' phases fall in the first half of the interval")
                .anyMatch(d -> config.phase(d).compareTo(half) < 0);
        start(config);
        all.forEach(this::connect);
        int reads = tables.reads.get();

        time.advance(half.minusMillis(1));
        assertThat(tables.reads.get()).as("read on connect only").isEqualTo(reads);

        time.advance(config.interval().plusMillis(1)); // one and a half intervals
        assertThat(tables.reads.get() - reads)
                .as("one periodic pass of each, at its phase")
                .isEqualTo(all.size());
    }

    @Test
    void periodicPassesAreTimedFromTheEndOfThePassOnConnect() {
        ReconcileConfig config = config(Duration.ofSeconds(10));
        start(config);
        tables.connect(S1);
        tables.hang(S1, true);
        devices.connect(S1.value(), 4); // its pass on connect waits for a reply
        time.advance(config.interval().multipliedBy(2));

        tables.hang(S1, false);
        tables.timeOutHung(); // the pass on connect ends, failed: a retry after the back-off
        assertThat(tables.reads.get()).as("no periodic pass was asked for meanwhile").isZero();
        time.advance(config.backoff(1));
        assertThat(tables.reads.get()).as("the retry").isEqualTo(1);
        time.advance(config.interval().dividedBy(2).minus(config.backoff(1)).minusMillis(1));
        assertThat(tables.reads.get()).as("no periodic pass within half an interval").isEqualTo(1);
        time.advance(config.interval().plusMillis(1));
        assertThat(tables.reads.get()).as("one periodic pass").isEqualTo(2);
    }

    @Test
    void aPeriodicPassWaitsWhileAnAppIsChangingSwitchesButAtMostAnInterval() {
        ReconcileConfig config = config(Duration.ofSeconds(10));
        start(config);
        connect(S1);
        FlowRule r1 = rule(S1, APP, 1, 1);
        app.intent.put(S1, SwitchEntries.flows(List.of(r1)));
        app.changing = true;
        time.advance(config.firstPeriodic(S1)); // the first periodic pass falls due

        assertThat(tables.flows(S1)).as("put off").isEmpty();
        assertThat(reconciler.stats().putOff()).isEqualTo(1);
        time.advance(Duration.ofSeconds(1));
        assertThat(tables.flows(S1)).as("still changing").isEmpty();
        assertThat(reconciler.stats().putOff()).isEqualTo(3);

        app.changing = false;
        time.advance(PassTimers.PUT_OFF_RECHECK);
        assertThat(tables.flows(S1)).as("done changing: the pass runs").containsExactly(r1);

        // An app that never stops changing puts the next pass off for one interval, no longer.
        tables.wipe(S1);
        app.changing = true;
        time.advance(config.interval().minus(Duration.ofMillis(1_500))); // the next one falls due
        assertThat(reconciler.stats().putOff()).isEqualTo(4);
        time.advance(config.interval().minus(PassTimers.PUT_OFF_RECHECK));
        assertThat(tables.flows(S1)).isEmpty();
        time.advance(PassTimers.PUT_OFF_RECHECK.multipliedBy(2));
        assertThat(tables.flows(S1)).containsExactly(r1);
    }

    @Test
    void aSwitchFlappingFasterThanTheReconcilerRunsHoldsOneTaskInItsQueue() {
        java.util.ArrayDeque<Runnable> queued = new java.util.ArrayDeque<>();
        reconciler =
                new Reconciler(
                        devices,
                        tables,
                        tables,
                        tables,
                        tables,
                        config(Duration.ofHours(1)),
                        time,
                        queued::add);
        reconciler.register(app);
        reconciler.start();
        runAll(queued);
        tables.connect(S1);
        FlowRule r1 = rule(S1, APP, 1, 1);
        app.intent.put(S1, SwitchEntries.flows(List.of(r1)));

        for (int i = 0; i < 1_000; i++) {
            devices.connect(S1.value(), 4);
            devices.setPortLive(S1.value(), 1, i % 2 == 0);
            devices.disconnect(S1.value());
        }
        devices.connect(S1.value(), 4);

        assertThat(queued).hasSize(1);
        assertThat(reconciler.stats().eventsFolded()).isEqualTo(2_000);
        runAll(queued);
        assertThat(tables.flows(S1)).as("taken on once, with a pass").containsExactly(r1);
        assertThat(reconciler.state(S1)).isEqualTo(SyncState.IN_SYNC);
    }

    private static void runAll(java.util.ArrayDeque<Runnable> queued) {
        while (!queued.isEmpty()) {
            queued.poll().run();
        }
    }

    @Test
    void passesOnConnectAreNeverPutOff() {
        start(config(Duration.ofHours(1)));
        app.changing = true;
        FlowRule r1 = rule(S1, APP, 1, 1);
        app.intent.put(S1, SwitchEntries.flows(List.of(r1)));
        connect(S1);

        assertThat(tables.flows(S1)).containsExactly(r1);
        assertThat(reconciler.stats().putOff()).isZero();
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
