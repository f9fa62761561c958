package org.weft.routing;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.flow.Group;

/**
 * What a switch's writer lane runs ({@link SwitchWriter}): a move of one or more keys on the
 * switch, or an audit (a reconcile pass, which runs alone).
 */
sealed interface LaneWork permits LaneWork.Change, LaneWork.Audit {

    /**
     * One or more keys' moves on a switch: part {@code i} is the operations {@code flowOps[ends[i -
     * 1], ends[i])} and the groups {@code beforeGroups.get(i)} to {@code afterGroups.get(i)}, whose
     * outcome goes to {@code tallies[i]}. A change with {@code rules} null was prepared for many
     * keys at once ({@link SwitchWriter#prepare}) and runs in a batch of its own.
     */
    record Change(
            List<FlowRuleOperation> flowOps,
            List<List<Group>> beforeGroups,
            List<List<Group>> afterGroups,
            Set<SwitchDiff.Key> rules,
            Map<Integer, Object> groupClaims,
            int[] ends,
            ChangeTally[] tallies)
            implements LaneWork {}

    record Audit(Supplier<CompletableFuture<Object>> body, CompletableFuture<Object> done)
            implements LaneWork {}
}
