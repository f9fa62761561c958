package org.weft.net.reconcile.impl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.flow.Group;
import org.weft.net.flow.GroupOperation;
import org.weft.net.reconcile.SwitchEntries;

/**
 * A diff without the removals an app that learns its intent after a start may still come to want,
 * for the passes while the fabric settles ({@link SettleWindow}): the switch keeps forwarding by
 * what it held before the restart until the app has heard from the whole fabric. Adds and
 * replacements stay. Held back:
 *
 * <ul>
 *   <li>a flow the app does not intend, unless it forwards to a group the app intends on the switch
 *       (the group now means what the app wants it to mean, so the flow is known to be wrong);
 *   <li>a group the app does not intend that a flow or group staying on the switch forwards to (a
 *       stale group nothing refers to any more goes, as before).
 * </ul>
 */
final class HeldBackRemovals {

    private HeldBackRemovals() {}

    static EntryDiff of(EntryDiff diff, SwitchEntries intended) {
        Set<Integer> intendedGroups = new HashSet<>();
        intended.groups().forEach(g -> intendedGroups.add(g.groupId()));
        List<FlowRuleOperation> flows = new ArrayList<>();
        Set<Integer> referenced = new HashSet<>();
        int heldBack = 0;
        for (FlowRuleOperation op : diff.flows()) {
            if (op.type() == FlowRuleOperation.Type.REMOVE
                    && groupsOf(op.rule().actions()).stream().noneMatch(intendedGroups::contains)) {
                heldBack++;
                referenced.addAll(groupsOf(op.rule().actions()));
            } else {
                flows.add(op);
            }
        }
        intended.flows().forEach(r -> referenced.addAll(groupsOf(r.actions())));
        intended.groups().forEach(g -> referenced.addAll(groupsOf(g)));
        // Groups chained from kept groups are kept too (until nothing more is found).
        List<GroupOperation> removals = new ArrayList<>(diff.groupsLast());
        List<GroupOperation> last = new ArrayList<>();
        boolean more = true;
        while (more) {
            more = false;
            for (GroupOperation op : List.copyOf(removals)) {
                if (referenced.contains(op.group().groupId())) {
                    removals.remove(op);
                    heldBack++;
                    more |= referenced.addAll(groupsOf(op.group()));
                }
            }
        }
        last.addAll(removals);
        int removedNow = diff.removed() - heldBack;
        return new EntryDiff(
                diff.groupsFirst(),
                flows,
                last,
                diff.added(),
                diff.modified(),
                removedNow,
                heldBack);
    }

    private static List<Integer> groupsOf(List<FlowAction> actions) {
        List<Integer> ids = new ArrayList<>();
        for (FlowAction a : actions) {
            if (a instanceof FlowAction.ToGroup g) {
                ids.add(g.groupId());
            }
        }
        return ids;
    }

    private static List<Integer> groupsOf(Group g) {
        List<Integer> ids = new ArrayList<>();
        g.buckets().forEach(b -> ids.addAll(groupsOf(b.actions())));
        return ids;
    }
}
