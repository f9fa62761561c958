package org.weft.routing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.flow.Group;
import org.weft.net.reconcile.SwitchEntries;

/**
 * One switch's entries as the changes run so far in its writer lane asked for them (whether or not
 * the switch confirmed them): what a reconcile pass run in the lane converges the switch to.
 * Changes queued behind the pass are not in it yet, so a pass never jumps ahead of
 * make-before-break. Thread-safe.
 */
final class LaneIntent {

    private final Map<SwitchDiff.Key, FlowRule> flows = new LinkedHashMap<>();
    private final Map<Integer, Group> groups = new LinkedHashMap<>();

    /** A flow operation of a change ran. */
    synchronized void ran(FlowRuleOperation op) {
        SwitchDiff.Key k = SwitchDiff.Key.of(op.rule());
        if (op.type() == FlowRuleOperation.Type.ADD) {
            flows.put(k, op.rule());
        } else if (op.rule().equals(flows.get(k))) {
            flows.remove(k);
        }
    }

    /** A change ran that moves its groups from {@code before} to {@code after}. */
    synchronized void groupsMoved(List<Group> before, List<Group> after) {
        before.forEach(g -> groups.remove(g.groupId()));
        after.forEach(g -> groups.put(g.groupId(), g));
    }

    synchronized SwitchEntries entries() {
        return new SwitchEntries(List.copyOf(flows.values()), List.copyOf(groups.values()));
    }
}
