package org.weft.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.flow.Group;
import org.weft.net.flow.GroupOperation;

/**
 * What one switch must change to go from one set of rules and groups to another, in
 * make-before-break order: new or changed groups, then new or changed rules, then stale rules, then
 * stale groups.
 */
record SwitchDiff(
        List<GroupOperation> groupsFirst,
        List<FlowRuleOperation> flows,
        List<GroupOperation> groupsLast) {

    private record Key(int table, int priority, FlowMatch match) {
        static Key of(FlowRule r) {
            return new Key(r.tableId(), r.priority(), r.match());
        }
    }

    static SwitchDiff between(
            List<FlowRule> oldFlows,
            List<Group> oldGroups,
            List<FlowRule> newFlows,
            List<Group> newGroups) {
        Map<Integer, Group> before = new HashMap<>();
        oldGroups.forEach(g -> before.put(g.groupId(), g));
        List<GroupOperation> first = new ArrayList<>();
        for (Group g : newGroups) {
            Group old = before.remove(g.groupId());
            if (old == null) {
                first.add(new GroupOperation(GroupOperation.Type.ADD, g));
            } else if (!old.equals(g)) {
                first.add(new GroupOperation(GroupOperation.Type.MODIFY, g));
            }
        }
        List<GroupOperation> last = new ArrayList<>();
        before.values().forEach(g -> last.add(new GroupOperation(GroupOperation.Type.REMOVE, g)));

        Map<Key, FlowRule> was = new HashMap<>();
        oldFlows.forEach(r -> was.put(Key.of(r), r));
        List<FlowRuleOperation> flows = new ArrayList<>();
        for (FlowRule r : newFlows) {
            FlowRule old = was.remove(Key.of(r));
            if (!r.equals(old)) {
                flows.add(FlowRuleOperation.add(r));
            }
        }
        was.values().forEach(r -> flows.add(FlowRuleOperation.remove(r)));
        return new SwitchDiff(first, flows, last);
    }

    boolean isEmpty() {
        return groupsFirst.isEmpty() && flows.isEmpty() && groupsLast.isEmpty();
    }
}
