package org.weft.net.reconcile.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.weft.net.MacAddress;
import org.weft.net.flow.Cookies;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.Group;
import org.weft.net.reconcile.PassReport;
import org.weft.net.reconcile.SwitchEntries;
import org.weft.net.reconcile.SyncState;

/** What a reconcile pass does to a switch's table: adds, replaces, removes, in which order. */
class ReconcilerTest extends ReconcilerTestBase {

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
}
