package org.weft.net.reconcile.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.net.MacAddress;
import org.weft.net.flow.Cookies;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.Group;
import org.weft.net.reconcile.PassReport;
import org.weft.net.reconcile.SwitchEntries;
import org.weft.net.reconcile.SyncState;

/**
 * Right after start, while switches are still connecting, passes keep the entries an app that
 * learns its intent after start (routing) does not intend yet, and remove them once the fabric has
 * settled: no switch connected for the quiet period, or the cap after start.
 */
class ReconcilerSettleTest extends ReconcilerTestBase {

    private static final Duration QUIET = Duration.ofSeconds(2);
    private static final Duration MAX = Duration.ofSeconds(10);

    private static ReconcileConfig settling(Duration quiet, Duration max) {
        return config(Duration.ofHours(1)).withSettle(quiet, max);
    }

    /** A route toward host {@code dst} through group {@code groupId}. */
    private static FlowRule viaGroup(Dpid s, long dst, int groupId) {
        return FlowRule.builder(s)
                .priority(100)
                .match(FlowMatch.builder().ethDst(MacAddress.of(dst)).build())
                .actions(FlowAction.group(groupId))
                .cookie(Cookies.make(APP, dst))
                .build();
    }

    /** Connects a switch that still holds what an earlier instance installed. */
    private void connectHolding(Dpid s, List<FlowRule> flows, List<Group> groups) {
        tables.connect(s);
        flows.forEach(tables::put);
        groups.forEach(tables::put);
        devices.connect(s.value(), 4);
    }

    @Test
    void aSwitchConnectingWhileOthersStillConnectKeepsItsUnintendedRoutesUntilTheFabricSettles() {
        app.learnsAfterStart = true;
        start(settling(QUIET, MAX));
        FlowRule wanted1 = rule(S1, APP, 1, 1);
        FlowRule staleRoute1 = viaGroup(S1, 8, 8);
        Group staleGroup1 = group(S1, 8, 2);
        app.intent.put(S1, SwitchEntries.flows(List.of(wanted1)));
        connectHolding(S1, List.of(staleRoute1), List.of(staleGroup1));

        assertThat(tables.flows(S1))
                .as("the intended route goes out at once, the route to a host not heard from stays")
                .containsExactlyInAnyOrder(wanted1, staleRoute1);
        assertThat(tables.groups(S1)).containsExactly(staleGroup1);
        assertThat(reconciler.state(S1)).isEqualTo(SyncState.DIVERGED);
        assertThat(reconciler.stats().settling()).isTrue();
        assertThat(reconciler.stats().heldBack()).isEqualTo(2);
        assertThat(app.inSync).as("not equal to intent while held back").doesNotContainKey(S1);

        // S2 connects 1.5 s later: the quiet period starts again.
        time.advance(Duration.ofMillis(1_500));
        FlowRule staleRoute2 = rule(S2, APP, 8, 3);
        connectHolding(S2, List.of(staleRoute2), List.of());
        assertThat(tables.flows(S2)).containsExactly(staleRoute2);
        time.advance(Duration.ofMillis(1_999));
        assertThat(tables.flows(S1))
                .as("2 s after start, 0.5 s before settling")
                .contains(staleRoute1);
        assertThat(reconciler.stats().settling()).isTrue();

        time.advance(Duration.ofMillis(1));

        assertThat(reconciler.stats().settling()).isFalse();
        assertThat(tables.flows(S1)).containsExactly(wanted1);
        assertThat(tables.groups(S1)).isEmpty();
        assertThat(tables.flows(S2)).isEmpty();
        assertThat(reconciler.state(S1)).isEqualTo(SyncState.IN_SYNC);
        assertThat(reconciler.state(S2)).isEqualTo(SyncState.IN_SYNC);
        assertThat(reconciler.divergedSwitches()).isEmpty();
        assertThat(app.inSync).containsKeys(S1, S2);
    }

    @Test
    void theCapEndsTheWindowWhileASwitchKeepsFlapping() {
        app.learnsAfterStart = true;
        start(settling(QUIET, Duration.ofSeconds(5)));
        FlowRule stale = rule(S1, APP, 8, 3);
        connectHolding(S1, List.of(stale), List.of());
        tables.connect(S2);
        for (int i = 0; i < 4; i++) { // S2 connects every second, never quiet for 2 s
            time.advance(Duration.ofMillis(500));
            devices.connect(S2.value(), 4);
            time.advance(Duration.ofMillis(500));
            devices.disconnect(S2.value());
        }
        assertThat(tables.flows(S1)).as("4 s after start").containsExactly(stale);

        time.advance(Duration.ofMillis(500));
        devices.connect(S2.value(), 4);
        time.advance(Duration.ofMillis(500)); // 5 s after start

        assertThat(tables.flows(S1)).isEmpty();
        assertThat(reconciler.stats().settling()).isFalse();
        assertThat(reconciler.state(S1)).isEqualTo(SyncState.IN_SYNC);
    }

    @Test
    void entriesKnownToBeWrongAreReplacedOrRemovedAtOnceWhileSettling() {
        app.learnsAfterStart = true;
        start(settling(QUIET, MAX));
        FlowRule changed = rule(S1, APP, 1, 9);
        FlowRule wantedChanged = rule(S1, APP, 1, 1);
        // Group 5 now carries another destination: a stale route into it would go astray.
        Group group5Before = group(S1, 5, 3);
        Group group5Now = group(S1, 5, 4);
        FlowRule staleIntoReusedGroup = viaGroup(S1, 8, 5);
        FlowRule wantedIntoGroup5 = viaGroup(S1, 2, 5);
        Group unreferenced = group(S1, 6, 2);
        app.intent.put(
                S1,
                new SwitchEntries(List.of(wantedChanged, wantedIntoGroup5), List.of(group5Now)));

        connectHolding(
                S1, List.of(changed, staleIntoReusedGroup), List.of(group5Before, unreferenced));

        assertThat(tables.flows(S1)).containsExactlyInAnyOrder(wantedChanged, wantedIntoGroup5);
        assertThat(tables.groups(S1)).containsExactly(group5Now);
        assertThat(reconciler.state(S1)).isEqualTo(SyncState.IN_SYNC);
        assertThat(reconciler.stats().heldBack()).isZero();
    }

    @Test
    void aPassTheAppAsksForAfterItReusedAHeldGroupRemovesTheRoutesStillIntoIt() {
        app.learnsAfterStart = true;
        start(settling(QUIET, MAX));
        FlowRule staleRoute = viaGroup(S1, 8, 5);
        Group staleGroup = group(S1, 5, 3);
        connectHolding(S1, List.of(staleRoute), List.of(staleGroup));
        assertThat(tables.flows(S1)).containsExactly(staleRoute);

        // The app gives number 5 to a host it just learned and writes its route and group.
        FlowRule newRoute = viaGroup(S1, 2, 5);
        Group newGroup = group(S1, 5, 4);
        app.intent.put(S1, new SwitchEntries(List.of(newRoute), List.of(newGroup)));
        tables.put(newGroup);
        tables.put(newRoute);
        app.requestPass.accept(S1);

        assertThat(tables.flows(S1))
                .as("no route left into the re-used group")
                .containsExactly(newRoute);
        assertThat(tables.groups(S1)).containsExactly(newGroup);
        assertThat(reconciler.stats().settling()).isTrue();
        assertThat(reconciler.state(S1)).isEqualTo(SyncState.IN_SYNC);
    }

    @Test
    void anAppWhoseIntentIsCompleteAtStartIsReconciledAtOnceWhileSettling() {
        start(settling(QUIET, MAX)); // app.learnsAfterStart stays false
        FlowRule stale = rule(S1, APP, 8, 3);
        connectHolding(S1, List.of(stale), List.of());

        assertThat(tables.flows(S1)).isEmpty();
        assertThat(reconciler.state(S1)).isEqualTo(SyncState.IN_SYNC);
        assertThat(reconciler.stats().settling()).isTrue();
    }

    @Test
    void afterTheFabricSettledASwitchReconnectingLaterIsReconciledAtOnce() {
        app.learnsAfterStart = true;
        start(settling(QUIET, MAX));
        time.advance(QUIET);
        assertThat(reconciler.stats().settling()).isFalse();
        FlowRule stale = rule(S1, APP, 8, 3);

        connectHolding(S1, List.of(stale), List.of());

        assertThat(tables.flows(S1)).isEmpty();
        PassReport r = reconcileNow(S1);
        assertThat(r.heldBack()).isZero();
        assertThat(reconciler.state(S1)).isEqualTo(SyncState.IN_SYNC);
    }
}
