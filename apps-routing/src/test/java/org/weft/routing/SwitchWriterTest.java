package org.weft.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.weft.routing.ManualSwitch.S;
import static org.weft.routing.ManualSwitch.done;
import static org.weft.routing.ManualSwitch.refusedOneOfOne;
import static org.weft.routing.ManualSwitch.rule;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.weft.net.cluster.SingleNodeMastership;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.testing.FakeMastership;

class SwitchWriterTest {

    private final ManualSwitch sw = new ManualSwitch();
    private final SwitchWriter writer =
            new SwitchWriter(sw, sw, new SingleNodeMastership("test", "test"));

    private CompletableFuture<Programmed> move(long dst, int from, int to) {
        return writer.change(
                S, List.of(rule(dst, from)), List.of(), List.of(rule(dst, to)), List.of());
    }

    @Test
    void changesQueuedBehindABatchGoOutTogetherAddsFirst() {
        CompletableFuture<Programmed> a = move(1, 1, 2);
        // Different destinations, queued while a's barrier is outstanding.
        CompletableFuture<Programmed> b =
                writer.change(S, List.of(rule(2, 1)), List.of(), List.of(), List.of());
        CompletableFuture<Programmed> c =
                writer.change(S, List.of(), List.of(), List.of(rule(3, 4)), List.of());
        assertThat(sw.batches).hasSize(1);
        assertThat(b).isNotDone();

        sw.answer(0);

        assertThat(a).isCompletedWithValue(done(1));
        assertThat(sw.batches).hasSize(2);
        assertThat(sw.batches.get(1))
                .containsExactly(
                        FlowRuleOperation.add(rule(3, 4)), FlowRuleOperation.remove(rule(2, 1)));
        assertThat(writer.isIdle()).isFalse();
        sw.answer(1);
        assertThat(b).isCompletedWithValue(done(1));
        assertThat(c).isCompletedWithValue(done(1));
        assertThat(writer.isIdle()).isTrue();
    }

    @Test
    void changesToTheSameRuleStayInOrderInSeparateBatches() {
        move(1, 1, 2);
        CompletableFuture<Programmed> second = move(1, 2, 3);
        CompletableFuture<Programmed> third = move(1, 3, 4);

        sw.answer(0);
        assertThat(sw.batches).hasSize(2);
        assertThat(sw.batches.get(1)).containsExactly(FlowRuleOperation.add(rule(1, 3)));
        sw.answer(1);
        assertThat(second).isCompletedWithValue(done(1));
        assertThat(sw.batches.get(2)).containsExactly(FlowRuleOperation.add(rule(1, 4)));
        sw.answer(2);
        assertThat(third).isCompletedWithValue(done(1));
    }

    @Test
    void aChangeWithNothingToSendDoesNotWaitBehindOthers() {
        move(1, 1, 2);
        CompletableFuture<Programmed> same =
                writer.change(S, List.of(rule(2, 1)), List.of(), List.of(rule(2, 1)), List.of());
        assertThat(same).isCompletedWithValue(Programmed.NOTHING_TO_DO);
        assertThat(sw.batches).hasSize(1);
    }

    @Test
    void aReconcilePassRunsAloneAfterWhatWasQueuedBeforeIt() {
        move(1, 1, 2);
        CompletableFuture<String> pass =
                writer.exclusive(
                        S,
                        () -> {
                            sw.apply(S, List.of(FlowRuleOperation.remove(rule(9, 1))));
                            return sw.barriers.get(1).thenApply(r -> "passed");
                        });
        CompletableFuture<Programmed> after = move(2, 1, 2);

        assertThat(sw.batches).hasSize(1);
        sw.answer(0);
        assertThat(sw.batches.get(1)).containsExactly(FlowRuleOperation.remove(rule(9, 1)));
        assertThat(after).isNotDone();
        sw.answer(1);
        assertThat(pass).isCompletedWithValue("passed");
        assertThat(sw.batches.get(2)).containsExactly(FlowRuleOperation.add(rule(2, 2)));
    }

    @Test
    void aReconcilePassInFlightIsNotRouteWorkButAChangeQueuedBehindItIs() {
        CompletableFuture<String> pass =
                writer.exclusive(
                        S,
                        () -> {
                            sw.apply(S, List.of());
                            return sw.barriers.get(0).thenApply(r -> "passed");
                        });
        assertThat(writer.isIdle()).isTrue();

        CompletableFuture<Programmed> queued = move(1, 1, 2);
        assertThat(writer.isIdle()).isFalse();
        sw.answer(0);
        assertThat(pass).isCompletedWithValue("passed");
        assertThat(writer.isIdle()).isFalse();
        sw.answer(1);
        assertThat(queued).isCompletedWithValue(done(1));
        assertThat(writer.isIdle()).isTrue();
    }

    @Test
    void theIntentAPassSeesIsWhatTheChangesRunSoFarAskedForNotWhatIsQueuedBehindIt() {
        move(1, 1, 2);
        writer.change(S, List.of(), List.of(), List.of(rule(2, 3)), List.of());
        assertThat(writer.intended(S).flows()).containsExactly(rule(1, 2));

        sw.answer(0);
        assertThat(writer.intended(S).flows()).containsExactlyInAnyOrder(rule(1, 2), rule(2, 3));

        // Rejected or not, a change that ran is intent: the reconciler repairs the switch to it.
        writer.change(S, List.of(rule(2, 3)), List.of(), List.of(), List.of());
        sw.answer(1);
        sw.barriers.get(2).completeExceptionally(new IllegalStateException("no answer"));
        assertThat(writer.intended(S).flows()).containsExactly(rule(1, 2));
    }

    @Test
    void anOperationTheSwitchRejectsIsNotCountedAsDone() {
        CompletableFuture<Programmed> a = move(1, 1, 2);
        CompletableFuture<Programmed> b =
                writer.change(S, List.of(), List.of(), List.of(rule(3, 4)), List.of());
        // a's add and b's add are merged behind nothing: a goes alone first.
        sw.barriers.get(0).complete(refusedOneOfOne("FLOW_MOD_FAILED", "TABLE_FULL"));
        assertThat(a).isCompletedWithValue(new Programmed(0, false));
        sw.answer(1);
        assertThat(b).isCompletedWithValue(done(1));
    }

    @Test
    void aFailedBatchDoesNotStopTheQueue() {
        CompletableFuture<Programmed> a = move(1, 1, 2);
        CompletableFuture<Programmed> b = move(2, 1, 2);
        sw.barriers.get(0).completeExceptionally(new IllegalStateException("switch said no"));
        assertThat(a).isCompletedWithValue(new Programmed(0, false));
        assertThat(sw.batches).hasSize(2);
        sw.answer(1);
        assertThat(b).isCompletedWithValue(done(1));
    }

    @Test
    void aSwitchAnotherInstanceMastersIsSkippedNotFailedAndItsIntentIsKept() {
        FakeMastership cluster = new FakeMastership("a");
        cluster.assign(S, "b", 7);
        SwitchWriter slave = new SwitchWriter(sw, sw, cluster);

        CompletableFuture<Programmed> a =
                slave.change(S, List.of(), List.of(), List.of(rule(1, 2)), List.of());

        assertThat(a).isCompletedWithValue(new Programmed(0, true));
        assertThat(sw.batches).isEmpty();
        assertThat(slave.skipped()).isEqualTo(1);
        // What the switch should hold is recorded: the pass on becoming its master installs it.
        assertThat(slave.intended(S).flows()).containsExactly(rule(1, 2));

        cluster.assign(S, "a", 8);
        slave.change(S, List.of(rule(1, 2)), List.of(), List.of(rule(1, 3)), List.of());
        assertThat(sw.batches).hasSize(1);
    }
}
