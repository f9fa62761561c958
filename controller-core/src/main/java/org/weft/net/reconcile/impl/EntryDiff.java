package org.weft.net.reconcile.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.flow.Group;
import org.weft.net.flow.GroupOperation;
import org.weft.net.reconcile.SwitchEntries;

/**
 * What takes one app's entries on a switch from what it reports to what the app intends: groups
 * added or changed first, then flows added or replaced, then flows removed, then groups removed
 * (make before break). A flow is identified by table, priority and match (an ADD with the same ones
 * replaces it). An intended flow with a timeout that the switch lacks has expired, as asked: it is
 * not added again. While the fabric settles after a start, {@link HeldBackRemovals} takes some
 * removals out ({@code heldBack}).
 */
record EntryDiff(
        List<GroupOperation> groupsFirst,
        List<FlowRuleOperation> flows,
        List<GroupOperation> groupsLast,
        int added,
        int modified,
        int removed,
        int heldBack) {

    record Key(int table, int priority, FlowMatch match) {
        static Key of(FlowRule r) {
            return new Key(r.tableId(), r.priority(), r.match());
        }
    }

    boolean isEmpty() {
        return groupsFirst.isEmpty() && flows.isEmpty() && groupsLast.isEmpty();
    }

    int operations() {
        return groupsFirst.size() + flows.size() + groupsLast.size();
    }

    static EntryDiff between(SwitchEntries actual, SwitchEntries intended) {
        int added = 0;
        int modified = 0;
        int removed = 0;
        Map<Integer, Group> groupsHeld = new HashMap<>();
        actual.groups().forEach(g -> groupsHeld.put(g.groupId(), g));
        List<GroupOperation> first = new ArrayList<>();
        Map<Integer, Group> groupsWanted = new LinkedHashMap<>();
        intended.groups().forEach(g -> groupsWanted.put(g.groupId(), g));
        for (Group g : groupsWanted.values()) {
            Group held = groupsHeld.remove(g.groupId());
            if (held == null) {
                first.add(new GroupOperation(GroupOperation.Type.ADD, g));
                added++;
            } else if (!held.equals(g)) {
                first.add(new GroupOperation(GroupOperation.Type.MODIFY, g));
                modified++;
            }
        }
        List<GroupOperation> last = new ArrayList<>();
        for (Group g : groupsHeld.values()) {
            last.add(new GroupOperation(GroupOperation.Type.REMOVE, g));
            removed++;
        }
        Map<Key, FlowRule> flowsHeld = new HashMap<>();
        actual.flows().forEach(r -> flowsHeld.put(Key.of(r), r));
        List<FlowRuleOperation> adds = new ArrayList<>();
        for (FlowRule r : intended.flows()) {
            FlowRule held = flowsHeld.remove(Key.of(r));
            if (held == null) {
                if (r.idleTimeout() == 0 && r.hardTimeout() == 0) {
                    adds.add(FlowRuleOperation.add(r));
                    added++;
                }
            } else if (!sameEntry(held, r)) {
                adds.add(FlowRuleOperation.add(r));
                modified++;
            }
        }
        for (FlowRule r : flowsHeld.values()) {
            adds.add(FlowRuleOperation.remove(r));
            removed++;
        }
        return new EntryDiff(first, adds, last, added, modified, removed, 0);
    }

    /** Equal but for what the switch may report differently (nothing today). */
    private static boolean sameEntry(FlowRule held, FlowRule wanted) {
        return held.equals(wanted);
    }
}
