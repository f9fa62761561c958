package org.weft.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.weft.routing.ManualSwitch.S;
import static org.weft.routing.ManualSwitch.done;
import static org.weft.routing.ManualSwitch.group;
import static org.weft.routing.ManualSwitch.intoGroup;
import static org.weft.routing.ManualSwitch.rule;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.weft.net.SwitchErrorException;
import org.weft.net.cluster.SingleNodeMastership;
import org.weft.net.flow.BatchResult;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;

/** {@link SwitchWriter#prepare}: many keys' moves on a switch as one change, each tally its own. */
class SwitchWriterPrepareTest {

    private final ManualSwitch sw = new ManualSwitch();
    private final SwitchWriter writer =
            new SwitchWriter(sw, sw, new SingleNodeMastership("test", "test"));

    private static SwitchWriter.Move move(
            List<FlowRule> before, List<FlowRule> after, ChangeTally t) {
        return new SwitchWriter.Move(before, List.of(), after, List.of(), t);
    }

    private void send(List<SwitchWriter.Move> moves, ChangeTally... tallies) {
        SwitchWriter.Prepared p = writer.prepare(moves);
        for (ChangeTally t : tallies) {
            t.seal();
        }
        writer.submit(S, p);
    }

    @Test
    void manyKeysGoOutAsOneBatchAddsFirstAndEachTallyCountsItsOwnOperations() {
        ChangeTally a = new ChangeTally();
        ChangeTally b = new ChangeTally();
        ChangeTally c = new ChangeTally();
        send(
                List.of(
                        move(List.of(), List.of(rule(1, 2)), a),
                        move(List.of(rule(2, 1)), List.of(), b),
                        move(List.of(), List.of(rule(3, 4)), c)),
                a,
                b,
                c);

        assertThat(sw.batches)
                .containsExactly(
                        List.of(
                                FlowRuleOperation.add(rule(1, 2)),
                                FlowRuleOperation.add(rule(3, 4)),
                                FlowRuleOperation.remove(rule(2, 1))));
        assertThat(writer.changesIssued()).isEqualTo(1);
        assertThat(writer.isIdle()).isFalse();
        // The switch refuses the second operation of the batch: c's add, not b's removal.
        sw.barriers
                .get(0)
                .complete(
                        BatchResult.of(
                                3, Map.of(1, new SwitchErrorException(S, 7, "BAD_ACTION", "x"))));

        // As for changes merged into one batch: a batch not confirmed in full installs no part of
        // it, but each counts what the switch confirmed of its own.
        assertThat(a.done()).isCompletedWithValue(new Programmed(1, false));
        assertThat(b.done()).isCompletedWithValue(new Programmed(1, false));
        assertThat(c.done()).isCompletedWithValue(new Programmed(0, false));
        assertThat(writer.isIdle()).isTrue();
    }

    @Test
    void aKeyAddingARuleAnEarlierKeyRemovesGoesOutAfterIt() {
        ChangeTally a = new ChangeTally();
        ChangeTally b = new ChangeTally();
        // Same table, priority and match: merged, the removal (sent after the adds) would delete
        // b's rule.
        send(
                List.of(
                        move(List.of(rule(1, 1)), List.of(), a),
                        move(List.of(), List.of(rule(1, 5)), b)),
                a,
                b);

        assertThat(sw.batches).containsExactly(List.of(FlowRuleOperation.remove(rule(1, 1))));
        sw.answer(0);
        assertThat(sw.batches.get(1)).containsExactly(FlowRuleOperation.add(rule(1, 5)));
        assertThat(b.done()).isNotDone();
        sw.answer(1);
        assertThat(a.done()).isCompletedWithValue(done(1));
        assertThat(b.done()).isCompletedWithValue(done(1));
    }

    @Test
    void keysSharingAGroupShareABatchButAGroupIdWithOtherContentSplitsIt() {
        ChangeTally a = new ChangeTally();
        ChangeTally b = new ChangeTally();
        ChangeTally c = new ChangeTally();
        List<SwitchWriter.Move> moves =
                List.of(
                        new SwitchWriter.Move(
                                List.of(),
                                List.of(),
                                List.of(intoGroup(1, 7)),
                                List.of(group(7, 2)),
                                a),
                        new SwitchWriter.Move(
                                List.of(),
                                List.of(),
                                List.of(intoGroup(2, 7)),
                                List.of(group(7, 2)),
                                b),
                        new SwitchWriter.Move(
                                List.of(),
                                List.of(),
                                List.of(intoGroup(3, 7)),
                                List.of(group(7, 3)),
                                c));
        send(moves, a, b, c);

        assertThat(sw.batches).hasSize(1);
        assertThat(sw.batches.get(0)).hasSize(2);
        sw.answer(0);
        assertThat(sw.batches).hasSize(2);
        assertThat(sw.batches.get(1)).containsExactly(FlowRuleOperation.add(intoGroup(3, 7)));
        sw.answer(1);
        assertThat(a.done()).isCompletedWithValue(done(2)); // the batch's group add counts on a
        assertThat(b.done()).isCompletedWithValue(done(1));
        assertThat(c.done()).isCompletedWithValue(done(2)); // group 7 modified, then its rule
    }

    @Test
    void aPreparedChangeRunsAloneInOrderWithQueuedChanges() {
        writer.change(S, List.of(), List.of(), List.of(rule(1, 1)), List.of());
        ChangeTally t = new ChangeTally();
        send(List.of(move(List.of(), List.of(rule(2, 1)), t)), t);
        writer.change(S, List.of(), List.of(), List.of(rule(3, 1)), List.of());

        sw.answerAll();

        assertThat(sw.batches)
                .containsExactly(
                        List.of(FlowRuleOperation.add(rule(1, 1))),
                        List.of(FlowRuleOperation.add(rule(2, 1))),
                        List.of(FlowRuleOperation.add(rule(3, 1))));
        assertThat(t.done()).isCompletedWithValue(done(1));
    }

    @Test
    void aKeyWithNothingToDoOnTheSwitchIsDoneOnceSealed() {
        ChangeTally t = new ChangeTally();
        SwitchWriter.Prepared p =
                writer.prepare(List.of(move(List.of(rule(1, 1)), List.of(rule(1, 1)), t)));
        assertThat(p.isEmpty()).isTrue();
        assertThat(t.done()).isNotDone();
        t.seal();
        assertThat(t.done()).isCompletedWithValue(Programmed.NOTHING_TO_DO);
        assertThat(sw.batches).isEmpty();
    }
}
