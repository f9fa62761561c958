package org.weft.intent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.PortNumber;
import org.weft.net.cluster.NotMasterException;
import org.weft.net.flow.BatchResult;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.flow.FlowRuleService;
import org.weft.net.intent.StaticFlow;
import org.weft.net.intent.StaticFlowState;
import org.weft.net.intent.SwitchWaits;
import org.weft.net.testing.FakeDeviceService;
import org.weft.store.impl.MemoryIntentStore;

/**
 * Two instances of a cluster sharing one store that tells them of every change (the test decides
 * when): what one writes, the other applies; the writer hearing of its own change changes nothing.
 */
class SharedIntentTest {

    private static final Dpid S1 = Dpid.of(1);
    private static final Link L12 = Link.of(ConnectPoint.of(1, 4), ConnectPoint.of(2, 4));

    private final Queue<Runnable> news = new ArrayDeque<>();
    private final MemoryIntentStore store = MemoryIntentStore.notifying(news::add);

    /** One instance: its view of the switches, its writes, its reconciler. */
    private final class Instance {
        final FakeDeviceService devices = new FakeDeviceService();
        final List<List<FlowRuleOperation>> sent = new CopyOnWriteArrayList<>();
        final FakeReconciler reconciler = new FakeReconciler();
        final boolean master;
        final StaticFlowManager flows;

        Instance(boolean master) {
            this.master = master;
            devices.connect(1, 2);
            FlowRuleService switches =
                    (dpid, ops) -> {
                        if (!this.master) {
                            return CompletableFuture.failedFuture(new NotMasterException(dpid));
                        }
                        sent.add(ops);
                        return CompletableFuture.completedFuture(BatchResult.confirmed(ops.size()));
                    };
            flows =
                    new StaticFlowManager(
                            devices, switches, store, Duration.ofSeconds(5), reconciler);
        }
    }

    private void deliver() {
        for (Runnable r = news.poll(); r != null; r = news.poll()) {
            r.run();
        }
    }

    private static FlowRule rule(int priority) {
        return FlowRule.builder(S1)
                .priority(priority)
                .actions(FlowAction.output(PortNumber.of(2)))
                .build();
    }

    @Test
    void aFlowWrittenThroughANonMasterIsKeptAndTheMasterPicksItUp() {
        Instance master = new Instance(true);
        Instance other = new Instance(false);

        StaticFlow f = other.flows.add(rule(10), SwitchWaits.UNBOUNDED);
        assertThat(f.state()).isEqualTo(StaticFlowState.PENDING);
        assertThat(store.list(StaticFlowManager.KIND)).containsOnlyKeys(Long.toString(f.id()));
        assertThat(master.flows.list()).isEmpty();

        deliver();
        assertThat(master.flows.get(Long.toString(f.id()))).isPresent();
        assertThat(master.reconciler.passes).containsExactly(S1);
        assertThat(master.reconciler.intended(S1).flows()).containsExactly(f.rule());
        assertThat(other.reconciler.passes).as("its own write is no change").isEmpty();
        assertThat(master.sent).isEmpty();

        other.flows.remove(Long.toString(f.id()), SwitchWaits.UNBOUNDED);
        assertThat(store.list(StaticFlowManager.KIND)).isEmpty();
        deliver();
        assertThat(master.flows.list()).isEmpty();
        assertThat(master.reconciler.passes).containsExactly(S1, S1);
        assertThat(master.reconciler.intended(S1).flows()).isEmpty();
    }

    @Test
    void theWriterHearingOfItsOwnWriteKeepsItsStateAndAsksForNoPass() {
        Instance master = new Instance(true);
        Instance other = new Instance(false);
        StaticFlow f = master.flows.add(rule(10), SwitchWaits.UNBOUNDED);
        assertThat(f.state()).isEqualTo(StaticFlowState.INSTALLED);

        deliver();
        assertThat(master.flows.get(Long.toString(f.id())).orElseThrow().state())
                .isEqualTo(StaticFlowState.INSTALLED);
        assertThat(master.reconciler.passes).isEmpty();
        assertThat(master.sent).hasSize(1);
        assertThat(other.flows.list()).extracting(StaticFlow::id).containsExactly(f.id());
    }

    @Test
    void anUnreadableDocumentIsQuarantinedOnceAndAppliedByNobody() {
        Instance master = new Instance(true);
        Instance other = new Instance(false);
        store.put(StaticFlowManager.KIND, "7", "{not json");
        deliver();

        assertThat(store.quarantined(StaticFlowManager.KIND)).containsOnlyKeys("7");
        assertThat(store.list(StaticFlowManager.KIND)).isEmpty();
        assertThat(master.flows.list()).isEmpty();
        assertThat(other.flows.list()).isEmpty();
    }

    @Test
    void linkWeightsAndCapacitiesSetOnOneInstanceReachTheOther() {
        FakeLinkAdmin adminA = new FakeLinkAdmin();
        FakeLinkAdmin adminB = new FakeLinkAdmin();
        StoredLinkWeights weightsA = new StoredLinkWeights(adminA, store);
        StoredLinkWeights weightsB = new StoredLinkWeights(adminB, store);
        StoredLinkCapacities capsA = new StoredLinkCapacities(adminA, store);
        StoredLinkCapacities capsB = new StoredLinkCapacities(adminB, store);

        weightsA.set(L12, 7.5, true);
        capsA.set(L12, 100, false);
        deliver();
        assertThat(adminB.weights).containsEntry(L12, 7.5).containsEntry(L12.reverse(), 7.5);
        assertThat(weightsB.get(L12)).hasValue(7.5);
        assertThat(adminB.capacities).containsOnlyKeys(L12).containsEntry(L12, 100L);
        assertThat(capsB.get(L12)).hasValue(100L);

        weightsB.set(L12, 2, false);
        weightsB.clear(L12.reverse(), false);
        capsB.clear(L12, false);
        deliver();
        assertThat(adminA.weights).containsOnlyKeys(L12).containsEntry(L12, 2.0);
        assertThat(weightsA.all()).containsOnlyKeys(L12);
        assertThat(adminA.capacities).isEmpty();
        assertThat(capsA.get(L12)).isEmpty();
    }

    @Test
    void steeringRulesTellTheirAppOnlyOfChangesOfTheirKind() {
        StoredSteeringRules rules = new StoredSteeringRules(store);
        int[] told = {0};
        rules.watch(() -> told[0]++);
        store.put(StoredLinkWeights.KIND, "x", "1.0");
        deliver();
        assertThat(told[0]).isZero();
        store.put(SteeringCodec.KIND, "5", "ipv4Dst=10.0.0.2");
        deliver();
        assertThat(told[0]).isEqualTo(1);
        store.remove(SteeringCodec.KIND, "5");
        deliver();
        assertThat(told[0]).isEqualTo(2);
    }

    @Test
    void twoInstancesRecordingTheSameMatchAtOnceKeepTheLowerIdBoth() {
        Instance master = new Instance(true);
        Instance other = new Instance(false);
        StaticFlow first = master.flows.add(rule(10), SwitchWaits.UNBOUNDED);
        // other records the same match before it hears of the master's flow
        StaticFlow second = other.flows.add(rule(10), SwitchWaits.UNBOUNDED);
        assertThat(second.id()).isGreaterThan(first.id());

        deliver();
        for (Instance i : List.of(master, other)) {
            assertThat(i.flows.list()).extracting(StaticFlow::id).containsExactly(first.id());
        }
        assertThat(store.list(StaticFlowManager.KIND)).containsOnlyKeys(Long.toString(first.id()));
        assertThat(store.quarantined(StaticFlowManager.KIND))
                .containsOnlyKeys(Long.toString(second.id()));
        assertThat(master.reconciler.intended(S1).flows()).containsExactly(first.rule());
    }
}
