package org.weft.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ArrayListMultimap;
import com.google.common.collect.ListMultimap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.net.MacAddress;
import org.weft.net.SwitchErrorException;
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
import org.weft.net.host.HostId;

/** A plan is intent at once, installed only once every switch confirmed every operation. */
class RouteProgrammerTest {

    private static final Dpid S1 = Dpid.of(1);
    private static final Dpid S2 = Dpid.of(2);
    private static final PlanKey KEY = PlanKey.of(HostId.of(MacAddress.of(9), HostId.NO_VLAN));

    /** Each batch's barrier is answered when the test says, with the result it says. */
    private static final class ManualSwitches implements FlowRuleService, GroupService {
        final List<CompletableFuture<BatchResult>> barriers = new ArrayList<>();
        final List<Dpid> to = new ArrayList<>();

        @Override
        public synchronized CompletableFuture<BatchResult> apply(
                Dpid d, List<FlowRuleOperation> ops) {
            CompletableFuture<BatchResult> f = new CompletableFuture<>();
            barriers.add(f);
            to.add(d);
            return f;
        }

        @Override
        public CompletableFuture<BatchResult> applyGroups(Dpid d, List<GroupOperation> ops) {
            return CompletableFuture.completedFuture(BatchResult.confirmed(ops.size()));
        }
    }

    private static FlowRule rule(Dpid s, int port) {
        return FlowRule.builder(s)
                .priority(100)
                .match(FlowMatch.builder().ethDst(MacAddress.of(9)).build())
                .actions(FlowAction.output(port))
                .build();
    }

    private static RoutingPlan plan(int port) {
        ListMultimap<Dpid, FlowRule> f = ArrayListMultimap.create();
        f.put(S1, rule(S1, port));
        f.put(S2, rule(S2, port));
        ListMultimap<Dpid, Group> g = ArrayListMultimap.create();
        return RoutingPlan.of(f, g);
    }

    private final ManualSwitches sw = new ManualSwitches();
    private final RouteProgrammer programmer =
            new RouteProgrammer(sw, sw, new SingleNodeMastership("test", "test"));

    @Test
    void aDestinationsKeyIsTheOneItsPlanIsHeldUnderWhileItHasOne() {
        HostId host = ((PlanKey.Destination) KEY).host();
        assertThat(programmer.keyOf(host)).isEqualTo(KEY).isNotSameAs(KEY);

        programmer.update(KEY, plan(1), S1);
        assertThat(programmer.keyOf(host)).isSameAs(KEY);
        assertThat(programmer.keyOf(HostId.of(MacAddress.of(9), 7))).isNotEqualTo(KEY);

        sw.barriers.get(0).complete(BatchResult.confirmed(1));
        sw.barriers.get(1).complete(BatchResult.confirmed(1));
        programmer.update(PlanKey.of(host), RoutingPlan.empty(), S1);
        for (int i = 2; i < sw.barriers.size(); i++) { // completing one may send the next
            sw.barriers.get(i).complete(BatchResult.confirmed(1));
        }
        assertThat(programmer.keyOf(host)).isEqualTo(KEY).isNotSameAs(KEY);
    }

    @Test
    void aPlanIsInstalledOnlyOnceEverySwitchConfirmedIt() {
        assertThat(programmer.changesIssued()).isZero();
        CompletableFuture<Integer> done = programmer.update(KEY, plan(1), S1);
        assertThat(programmer.changesIssued()).as("the egress first").isEqualTo(1);
        assertThat(programmer.isIdle()).isFalse();

        assertThat(programmer.intended(KEY)).isEqualTo(plan(1));
        assertThat(programmer.installed(KEY)).isEqualTo(RoutingPlan.empty());
        sw.barriers.get(0).complete(BatchResult.confirmed(1));
        assertThat(sw.to).containsExactly(S1, S2);
        assertThat(programmer.installed(KEY)).as("the egress alone").isEqualTo(RoutingPlan.empty());
        sw.barriers.get(1).complete(BatchResult.confirmed(1));

        assertThat(done).isCompletedWithValue(2);
        assertThat(programmer.installed(KEY)).isEqualTo(plan(1));
        assertThat(programmer.changesIssued()).as("then the other switch").isEqualTo(2);
        assertThat(programmer.isIdle()).isTrue();
        programmer.update(KEY, plan(1), S1);
        assertThat(programmer.changesIssued()).as("an update changing nothing").isEqualTo(2);
    }

    @Test
    void anUpdateToldWhichSwitchesMayDifferWritesOnlyThoseAndStillRecordsTheWholePlan() {
        programmer.update(KEY, plan(1), S1);
        sw.barriers.get(0).complete(BatchResult.confirmed(1));
        sw.barriers.get(1).complete(BatchResult.confirmed(1));
        sw.to.clear();

        // The new plan differs on both switches, but the caller says only S2 may: S1 is left alone.
        CompletableFuture<Integer> done = programmer.update(KEY, plan(2), S1, java.util.Set.of(S2));
        assertThat(sw.to).containsExactly(S2);
        sw.barriers.get(2).complete(BatchResult.confirmed(1));

        assertThat(done).isCompletedWithValue(1);
        assertThat(programmer.intended(KEY)).isEqualTo(plan(2));
        assertThat(programmer.installed(KEY)).isEqualTo(plan(2));
    }

    @Test
    void aPlanASwitchRejectedInPartStaysIntentButNotInstalledAndCountsOnlyWhatWasConfirmed() {
        CompletableFuture<Integer> done = programmer.update(KEY, plan(1), S1);
        sw.barriers.get(0).complete(BatchResult.confirmed(1));
        sw.barriers
                .get(1)
                .complete(
                        BatchResult.of(
                                1,
                                Map.of(
                                        0,
                                        new SwitchErrorException(
                                                S2, 5, "FLOW_MOD_FAILED", "TABLE_FULL"))));

        assertThat(done).isCompletedWithValue(1);
        assertThat(programmer.intended(KEY)).isEqualTo(plan(1));
        assertThat(programmer.installed(KEY)).isEqualTo(RoutingPlan.empty());
        assertThat(programmer.intended(S2).flows()).containsExactly(rule(S2, 1));
    }

    private static final PlanKey OTHER = PlanKey.of(HostId.of(MacAddress.of(10), HostId.NO_VLAN));

    /** Toward host 10: the same switches as {@link #plan}, its own rules. */
    private static RoutingPlan otherPlan(int port) {
        ListMultimap<Dpid, FlowRule> f = ArrayListMultimap.create();
        for (Dpid s : List.of(S1, S2)) {
            f.put(
                    s,
                    FlowRule.builder(s)
                            .priority(100)
                            .match(FlowMatch.builder().ethDst(MacAddress.of(10)).build())
                            .actions(FlowAction.output(port))
                            .build());
        }
        return RoutingPlan.of(f, ArrayListMultimap.create());
    }

    @Test
    void keysUpdatedTogetherGiveEachSwitchOneChangeEveryEgressConfirmedFirst() {
        List<CompletableFuture<Integer>> done =
                programmer.updateAll(
                        List.of(
                                new RouteProgrammer.Update(KEY, plan(1), S1, null),
                                new RouteProgrammer.Update(OTHER, otherPlan(2), S1, null)));

        assertThat(sw.to).as("both keys' egress, one batch").containsExactly(S1);
        assertThat(programmer.changesIssued()).isEqualTo(1);
        assertThat(programmer.intended(KEY)).isEqualTo(plan(1));
        assertThat(programmer.intended(OTHER)).isEqualTo(otherPlan(2));
        sw.barriers.get(0).complete(BatchResult.confirmed(2));

        assertThat(sw.to).containsExactly(S1, S2);
        assertThat(programmer.changesIssued()).isEqualTo(2);
        assertThat(done.get(0)).isNotDone();
        assertThat(programmer.isIdle()).isFalse();
        sw.barriers.get(1).complete(BatchResult.confirmed(2));

        assertThat(done.get(0)).isCompletedWithValue(2);
        assertThat(done.get(1)).isCompletedWithValue(2);
        assertThat(programmer.installed(KEY)).isEqualTo(plan(1));
        assertThat(programmer.installed(OTHER)).isEqualTo(otherPlan(2));
        assertThat(programmer.isIdle()).isTrue();
    }

    @Test
    void aKeyWhoseUpdateIsInFlightIsUpdatedTogetherWithOthersOnlyAfterIt() {
        CompletableFuture<Integer> first = programmer.update(KEY, plan(1), S1);
        List<CompletableFuture<Integer>> done =
                programmer.updateAll(
                        List.of(
                                new RouteProgrammer.Update(KEY, plan(2), S1, null),
                                new RouteProgrammer.Update(OTHER, otherPlan(2), S1, null)));
        // KEY's egress batch is in flight; OTHER's egress change waits behind it on S1.
        assertThat(sw.to).containsExactly(S1);
        for (int i = 0; i < sw.barriers.size(); i++) { // completing one may send the next
            sw.barriers.get(i).complete(BatchResult.confirmed(1));
        }

        assertThat(first).isCompletedWithValue(2);
        assertThat(done.get(0)).isCompletedWithValue(2);
        assertThat(done.get(1)).isCompletedWithValue(2);
        assertThat(programmer.installed(KEY)).isEqualTo(plan(2));
        assertThat(programmer.installed(OTHER)).isEqualTo(otherPlan(2));
        assertThat(programmer.intended(S1).flows())
                .containsExactlyInAnyOrder(rule(S1, 2), otherPlan(2).flows().get(S1).get(0));
    }
}
