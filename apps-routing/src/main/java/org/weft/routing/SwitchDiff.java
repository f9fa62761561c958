package org.weft.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;

/**
 * The flow operations that take a switch from one set of rules to another: adds first, then
 * removals.
 */
final class SwitchDiff {

    /** What identifies a rule in a switch's table (an ADD with the same key replaces it). */
    record Key(int table, int priority, FlowMatch match) {
        static Key of(FlowRule r) {
            return new Key(r.tableId(), r.priority(), r.match());
        }
    }

    private SwitchDiff() {}

    static List<FlowRuleOperation> flows(List<FlowRule> before, List<FlowRule> after) {
        if (before.isEmpty() || after.isEmpty()) {
            // A destination new to the switch, or gone from it (most changes while a fabric's
            // routes are first installed): no rule to match up.
            List<FlowRuleOperation> ops = new ArrayList<>(before.size() + after.size());
            for (int i = 0; i < after.size(); i++) {
                ops.add(FlowRuleOperation.add(after.get(i)));
            }
            for (int i = 0; i < before.size(); i++) {
                ops.add(FlowRuleOperation.remove(before.get(i)));
            }
            return ops;
        }
        Map<Key, FlowRule> was = new HashMap<>();
        before.forEach(r -> was.put(Key.of(r), r));
        List<FlowRuleOperation> ops = new ArrayList<>();
        for (FlowRule r : after) {
            FlowRule old = was.remove(Key.of(r));
            if (!r.equals(old)) {
                ops.add(FlowRuleOperation.add(r));
            }
        }
        was.values().forEach(r -> ops.add(FlowRuleOperation.remove(r)));
        return ops;
    }
}
