package org.weft.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.net.MacAddress;
import org.weft.net.cluster.SingleNodeMastership;
import org.weft.net.flow.BatchResult;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.flow.FlowRuleService;
import org.weft.net.flow.Group;
import org.weft.net.flow.GroupOperation;
import org.weft.net.flow.GroupService;
import org.weft.net.testing.FakeMastership;

class SwitchWriterTest {

    private static final Dpid S = Dpid.of(1);

    /** Records every batch; each batch's barrier is answered only when the test says so. */
    private static final class ManualSwitch implements FlowRuleService, GroupService {
        final List<List<FlowRuleOperation>> batches = new ArrayList<>();
        final List<CompletableFuture<BatchResult>> barriers = new ArrayList<>();

        @Override
        public synchronized CompletableFuture<BatchResult> apply(
                Dpid d, List<FlowRuleOperation> ops) {
            batches.add(List.copyOf(ops));
            CompletableFuture<BatchResult> f = new CompletableFuture<>();
            barriers.add(f);
            return f;
        }

        final List<GroupOperation> groupOps = new ArrayList<>();

        @Override
        public synchronized CompletableFuture<BatchResult> applyGroups(
                Dpid d, List<GroupOperation> ops) {
            groupOps.addAll(ops);
            return CompletableFuture.completedFuture(BatchResult.confirmed(ops.size()));
        }

        void answer(int batch) {
            barriers.get(batch).complete(BatchResult.confirmed(batches.get(batch).size()));
        }

        /** Answers every barrier outstanding, and those the answers lead to. */
        void answerAll() {
            for (int i = 0; i < barriers.size(); i++) {
                if (!barriers.get(i).isDone()) {
                    answer(i);
                }
            }
        }
    }

    private static FlowRule rule(long dst, int port) {
        return FlowRule.builder(S)
                .priority(100)
                .match(FlowMatch.builder().ethDst(MacAddress.of(dst)).build())
                .actions(FlowAction.output(port))
                .build();
    }

    private final ManualSwitch sw = new ManualSwitch();
    private final SwitchWriter writer =
            new SwitchWriter(sw, sw, new SingleNodeMastership("test", "test"));

    private CompletableFuture<Programmed> move(long dst, int from, int to) {
        return writer.change(
                S, List.of(rule(dst, from)), List.of(), List.of(rule(dst, to)), List.of());
    }

    private static Group select(int id, int port) {
        return new Group(
                S,
                id,
                Group.Type.SELECT,
                List.of(new Group.Bucket(1, null, List.of(FlowAction.output(port)))));
    }

    private static FlowRule intoGroup(long dst, int groupId) {
        return FlowRule.builder(S)
                .priority(100)
                .match(FlowMatch.builder().ethDst(MacAddress.of(dst)).build())
                .actions(FlowAction.group(groupId))
                .build();
    }

    @Test
    void givingAGroupTheSwitchHeldForUnknownEntriesAsksForAPassOnceWritten() {
        List<Dpid> passesAskedFor = new ArrayList<>();
        writer.onLeftoverGroupTaken(passesAskedFor::add);
        // What a reconcile pass left while the fabric settles: group 5 of an earlier instance.
        writer.groupsAre(S, List.of(select(5, 3)));

        writer.change(S, List.of(), List.of(), List.of(intoGroup(2, 5)), List.of(select(5, 4)));
        assertThat(passesAskedFor).as("not before the write is confirmed").isEmpty();
        sw.answer(0);

        assertThat(passesAskedFor).containsExactly(S);

        // Routing's own next change of that group is no leftover.
        CompletableFuture<Programmed> own =
                writer.change(
                        S,
                        List.of(intoGroup(2, 5)),
                        List.of(select(5, 4)),
                        List.of(intoGroup(2, 5)),
                        List.of(select(5, 2)));
        assertThat(own).as("a group change alone, no rule to wait for").isDone();
        assertThat(passesAskedFor).containsExactly(S);
    }

    @Test
    void destinationsSharingAGroupAddItOnceGoOutTogetherAndTheLastOneRemovesIt() {
        Group shared = select(7, 4);
        writer.change(S, List.of(), List.of(), List.of(intoGroup(1, 7)), List.of(shared));
        // Queued behind the first one's barrier: two more destinations into the same group.
        writer.change(S, List.of(), List.of(), List.of(intoGroup(2, 7)), List.of(shared));
        writer.change(S, List.of(), List.of(), List.of(intoGroup(3, 7)), List.of(shared));
        sw.answer(0);
        assertThat(sw.batches).hasSize(2);
        assertThat(sw.batches.get(1))
                .containsExactly(
                        FlowRuleOperation.add(intoGroup(2, 7)),
                        FlowRuleOperation.add(intoGroup(3, 7)));
        sw.answerAll();
        assertThat(sw.groupOps)
                .containsExactly(new GroupOperation(GroupOperation.Type.ADD, shared));

        // Two of them leave: the group stays for the third.
        writer.change(S, List.of(intoGroup(1, 7)), List.of(shared), List.of(), List.of());
        writer.change(S, List.of(intoGroup(2, 7)), List.of(shared), List.of(), List.of());
        sw.answerAll();
        assertThat(sw.groupOps).hasSize(1);
        assertThat(writer.intended(S).groups()).containsExactly(shared);

        writer.change(S, List.of(intoGroup(3, 7)), List.of(shared), List.of(), List.of());
        sw.answerAll();
        assertThat(sw.groupOps)
                .last()
                .isEqualTo(new GroupOperation(GroupOperation.Type.REMOVE, shared));
        assertThat(writer.intended(S).groups()).isEmpty();
        assertThat(writer.isIdle()).isTrue();
    }

    @Test
    void aChangeGivingAGroupOtherContentIsNotMergedWithOneHoldingItsOldContent() {
        writer.change(S, List.of(), List.of(), List.of(intoGroup(1, 7)), List.of(select(7, 4)));
        writer.change(S, List.of(), List.of(), List.of(intoGroup(2, 7)), List.of(select(7, 4)));
        writer.change(S, List.of(), List.of(), List.of(intoGroup(3, 7)), List.of(select(7, 5)));
        sw.answer(0);
        assertThat(sw.batches).hasSize(2);
        assertThat(sw.batches.get(1)).containsExactly(FlowRuleOperation.add(intoGroup(2, 7)));
        sw.answer(1);
        assertThat(sw.batches).hasSize(3);
        assertThat(sw.groupOps)
                .last()
                .isEqualTo(new GroupOperation(GroupOperation.Type.MODIFY, select(7, 5)));
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

    /** A one-operation batch the switch refused with this error. */
    private static BatchResult refusedOneOfOne(String type, String code) {
        return BatchResult.of(
                1, java.util.Map.of(0, new org.weft.net.SwitchErrorException(S, 7, type, code)));
    }

    private static Programmed done(int n) {
        return new Programmed(n, true);
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

    /** Records flow and group batches in the order sent; no barrier is answered by itself. */
    private static final class OrderedSwitch implements FlowRuleService, GroupService {
        final List<String> sent = new ArrayList<>();
        final List<CompletableFuture<BatchResult>> barriers = new ArrayList<>();

        @Override
        public CompletableFuture<BatchResult> apply(Dpid d, List<FlowRuleOperation> ops) {
            return sent("flows");
        }

        @Override
        public CompletableFuture<BatchResult> applyGroups(Dpid d, List<GroupOperation> ops) {
            return sent("groups " + ops.get(0).type());
        }

        private CompletableFuture<BatchResult> sent(String what) {
            sent.add(what);
            CompletableFuture<BatchResult> f = new CompletableFuture<>();
            barriers.add(f);
            return f;
        }

        void answer(int i) {
            barriers.get(i).complete(BatchResult.confirmed(1));
        }
    }

    private static Group group(int id, int port) {
        return new Group(
                S,
                id,
                Group.Type.SELECT,
                List.of(new Group.Bucket(1, null, List.of(FlowAction.output(port)))));
    }

    private static FlowRule toGroup(int id) {
        return FlowRule.builder(S)
                .priority(100)
                .match(FlowMatch.builder().ethDst(MacAddress.of(1)).build())
                .actions(FlowAction.group(id))
                .build();
    }

    /** Moves the rule toward MAC 1 from group 1 (port 1) to group 2 (port 3). */
    private static CompletableFuture<Programmed> fromGroupOneToTwo(SwitchWriter w) {
        return w.change(
                S,
                List.of(toGroup(1)),
                List.of(group(1, 1)),
                List.of(toGroup(2)),
                List.of(group(2, 3)));
    }

    @Test
    void rulesGoOutBehindTheirGroupsBarrierWithoutWaitingAndRemovalsWaitForBoth() {
        OrderedSwitch ordered = new OrderedSwitch();
        SwitchWriter w = new SwitchWriter(ordered, ordered, new SingleNodeMastership("t", "t"));
        CompletableFuture<Programmed> added =
                w.change(S, List.of(), List.of(), List.of(toGroup(1)), List.of(group(1, 1)));
        assertThat(ordered.sent).containsExactly("groups ADD", "flows");
        ordered.answer(1); // the rules' barrier first: the batch still waits for the groups'
        assertThat(added).isNotDone();
        ordered.answer(0);
        assertThat(added).isCompletedWithValue(done(2));

        // Moving the rule from group 1 to group 2: group 1 goes only once both are confirmed.
        CompletableFuture<Programmed> moved = fromGroupOneToTwo(w);
        assertThat(ordered.sent).containsExactly("groups ADD", "flows", "groups ADD", "flows");
        ordered.answer(2);
        assertThat(ordered.sent).hasSize(4);
        ordered.answer(3);
        assertThat(ordered.sent).last().isEqualTo("groups REMOVE");
        ordered.answer(4);
        assertThat(moved).isCompletedWithValue(new Programmed(3, true));
    }

    @Test
    void aRefusedGroupStageLeavesTheOldGroupsInPlace() {
        OrderedSwitch ordered = new OrderedSwitch();
        SwitchWriter w = new SwitchWriter(ordered, ordered, new SingleNodeMastership("t", "t"));
        w.change(S, List.of(), List.of(), List.of(toGroup(1)), List.of(group(1, 1)));
        ordered.answer(0);
        ordered.answer(1);

        CompletableFuture<Programmed> moved = fromGroupOneToTwo(w);
        ordered.barriers.get(2).complete(refusedOneOfOne("GROUP_MOD_FAILED", "OUT_OF_GROUPS"));
        ordered.answer(3);

        assertThat(moved).isCompletedWithValue(new Programmed(1, false));
        assertThat(ordered.sent).doesNotContain("groups REMOVE");
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
