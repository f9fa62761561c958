package org.weft.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.weft.net.Dpid;
import org.weft.net.MacAddress;
import org.weft.net.SwitchErrorException;
import org.weft.net.flow.BatchResult;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.flow.FlowRuleService;
import org.weft.net.flow.Group;
import org.weft.net.flow.GroupOperation;
import org.weft.net.flow.GroupService;

/**
 * The switch the {@link SwitchWriter} tests write to: records every batch and group operation; each
 * batch's barrier is answered only when the test says so (groups are confirmed at once).
 */
final class ManualSwitch implements FlowRuleService, GroupService {

    /** The switch every writer test writes to. */
    static final Dpid S = Dpid.of(1);

    final List<List<FlowRuleOperation>> batches = new ArrayList<>();
    final List<CompletableFuture<BatchResult>> barriers = new ArrayList<>();
    final List<GroupOperation> groupOps = new ArrayList<>();

    @Override
    public synchronized CompletableFuture<BatchResult> apply(Dpid d, List<FlowRuleOperation> ops) {
        batches.add(List.copyOf(ops));
        CompletableFuture<BatchResult> f = new CompletableFuture<>();
        barriers.add(f);
        return f;
    }

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

    /** A one-operation batch the switch refused with this error. */
    static BatchResult refusedOneOfOne(String type, String code) {
        return BatchResult.of(1, Map.of(0, new SwitchErrorException(S, 7, type, code)));
    }

    /** The route toward host {@code dst} out of {@code port} on {@link #S}. */
    static FlowRule rule(long dst, int port) {
        return FlowRule.builder(S)
                .priority(100)
                .match(FlowMatch.builder().ethDst(MacAddress.of(dst)).build())
                .actions(FlowAction.output(port))
                .build();
    }

    /** The route toward host {@code dst} through group {@code groupId} on {@link #S}. */
    static FlowRule intoGroup(long dst, int groupId) {
        return FlowRule.builder(S)
                .priority(100)
                .match(FlowMatch.builder().ethDst(MacAddress.of(dst)).build())
                .actions(FlowAction.group(groupId))
                .build();
    }

    /** A select group of one bucket out of {@code port} on {@link #S}. */
    static Group group(int id, int port) {
        return new Group(
                S,
                id,
                Group.Type.SELECT,
                List.of(new Group.Bucket(1, null, List.of(FlowAction.output(port)))));
    }

    /** A change every operation of which (n) the switch confirmed. */
    static Programmed done(int n) {
        return new Programmed(n, true);
    }
}
