package org.weft.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.weft.routing.ManualSwitch.S;
import static org.weft.routing.ManualSwitch.done;
import static org.weft.routing.ManualSwitch.group;
import static org.weft.routing.ManualSwitch.intoGroup;
import static org.weft.routing.ManualSwitch.refusedOneOfOne;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.net.cluster.SingleNodeMastership;
import org.weft.net.flow.BatchResult;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.flow.FlowRuleService;
import org.weft.net.flow.Group;
import org.weft.net.flow.GroupOperation;
import org.weft.net.flow.GroupService;

/** {@link SwitchWriter}'s groups: staged around the rules, shared by destinations, left over. */
class SwitchWriterGroupsTest {

    private final ManualSwitch sw = new ManualSwitch();
    private final SwitchWriter writer =
            new SwitchWriter(sw, sw, new SingleNodeMastership("test", "test"));

    @Test
    void givingAGroupTheSwitchHeldForUnknownEntriesAsksForAPassOnceWritten() {
        List<Dpid> passesAskedFor = new ArrayList<>();
        writer.onLeftoverGroupTaken(passesAskedFor::add);
        // What a reconcile pass left while the fabric settles: group 5 of an earlier instance.
        writer.groupsAre(S, List.of(group(5, 3)));

        writer.change(S, List.of(), List.of(), List.of(intoGroup(2, 5)), List.of(group(5, 4)));
        assertThat(passesAskedFor).as("not before the write is confirmed").isEmpty();
        sw.answer(0);

        assertThat(passesAskedFor).containsExactly(S);

        // Routing's own next change of that group is no leftover.
        CompletableFuture<Programmed> own =
                writer.change(
                        S,
                        List.of(intoGroup(2, 5)),
                        List.of(group(5, 4)),
                        List.of(intoGroup(2, 5)),
                        List.of(group(5, 2)));
        assertThat(own).as("a group change alone, no rule to wait for").isDone();
        assertThat(passesAskedFor).containsExactly(S);
    }

    @Test
    void destinationsSharingAGroupAddItOnceGoOutTogetherAndTheLastOneRemovesIt() {
        Group shared = group(7, 4);
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
        writer.change(S, List.of(), List.of(), List.of(intoGroup(1, 7)), List.of(group(7, 4)));
        writer.change(S, List.of(), List.of(), List.of(intoGroup(2, 7)), List.of(group(7, 4)));
        writer.change(S, List.of(), List.of(), List.of(intoGroup(3, 7)), List.of(group(7, 5)));
        sw.answer(0);
        assertThat(sw.batches).hasSize(2);
        assertThat(sw.batches.get(1)).containsExactly(FlowRuleOperation.add(intoGroup(2, 7)));
        sw.answer(1);
        assertThat(sw.batches).hasSize(3);
        assertThat(sw.groupOps)
                .last()
                .isEqualTo(new GroupOperation(GroupOperation.Type.MODIFY, group(7, 5)));
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

    /** Moves the rule toward MAC 1 from group 1 (port 1) to group 2 (port 3). */
    private static CompletableFuture<Programmed> fromGroupOneToTwo(SwitchWriter w) {
        return w.change(
                S,
                List.of(intoGroup(1, 1)),
                List.of(group(1, 1)),
                List.of(intoGroup(1, 2)),
                List.of(group(2, 3)));
    }

    @Test
    void rulesGoOutBehindTheirGroupsBarrierWithoutWaitingAndRemovalsWaitForBoth() {
        OrderedSwitch ordered = new OrderedSwitch();
        SwitchWriter w = new SwitchWriter(ordered, ordered, new SingleNodeMastership("t", "t"));
        CompletableFuture<Programmed> added =
                w.change(S, List.of(), List.of(), List.of(intoGroup(1, 1)), List.of(group(1, 1)));
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
        w.change(S, List.of(), List.of(), List.of(intoGroup(1, 1)), List.of(group(1, 1)));
        ordered.answer(0);
        ordered.answer(1);

        CompletableFuture<Programmed> moved = fromGroupOneToTwo(w);
        ordered.barriers.get(2).complete(refusedOneOfOne("GROUP_MOD_FAILED", "OUT_OF_GROUPS"));
        ordered.answer(3);

        assertThat(moved).isCompletedWithValue(new Programmed(1, false));
        assertThat(ordered.sent).doesNotContain("groups REMOVE");
    }
}
