package org.weft.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.flow.Group;
import org.weft.net.reconcile.SwitchEntries;

/**
 * One switch's entries as the changes run so far in its writer lane asked for them (whether or not
 * the switch confirmed them): what a reconcile pass run in the lane converges the switch to.
 * Changes queued behind the pass are not in it yet, so a pass never jumps ahead of
 * make-before-break. A group is held while some change's rules go through it (destinations share
 * groups, {@link SharedGroups}): it is counted once per change that holds it. Thread-safe.
 */
final class LaneIntent {

    private final Map<SwitchDiff.Key, FlowRule> flows = new LinkedHashMap<>();
    private final Map<Integer, Held> groups = new LinkedHashMap<>();

    /** A group and the number of changes holding it. */
    private static final class Held {
        Group group;
        int changes;

        Held(Group group) {
            this.group = group;
        }
    }

    /**
     * What a batch's changes did to the switch's groups.
     *
     * @param held the groups the batch touched that are still held (as now intended)
     * @param newlyHeld the ids of those that were not held before the batch
     * @param dropped the ids of the groups the batch touched that no change holds any more
     */
    record GroupMoves(List<Group> held, Set<Integer> newlyHeld, List<Integer> dropped) {}

    /** A flow operation of a change ran. */
    synchronized void ran(FlowRuleOperation op) {
        SwitchDiff.Key k = SwitchDiff.Key.of(op.rule());
        if (op.type() == FlowRuleOperation.Type.ADD) {
            flows.put(k, op.rule());
        } else if (op.rule().equals(flows.get(k))) {
            flows.remove(k);
        }
    }

    /**
     * A batch of changes ran, each moving its groups from {@code before.get(i)} to {@code
     * after.get(i)}.
     */
    synchronized GroupMoves groupsMoved(List<List<Group>> before, List<List<Group>> after) {
        // Every group id the batch touches, with whether it was held before the batch.
        Map<Integer, Boolean> touched = new HashMap<>();
        noteTouched(touched, before);
        noteTouched(touched, after);
        for (int i = 0; i < before.size(); i++) {
            List<Group> released = before.get(i);
            for (int j = 0; j < released.size(); j++) {
                Integer id = released.get(j).groupId();
                Held h = groups.get(id);
                if (h != null && --h.changes <= 0) {
                    groups.remove(id);
                }
            }
            List<Group> taken = after.get(i);
            for (int j = 0; j < taken.size(); j++) {
                Group g = taken.get(j);
                Held h = groups.computeIfAbsent(g.groupId(), id -> new Held(g));
                h.group = g;
                h.changes++;
            }
        }
        List<Group> held = new ArrayList<>(touched.size());
        Set<Integer> newlyHeld = new HashSet<>();
        List<Integer> dropped = new ArrayList<>();
        touched.forEach(
                (id, heldBefore) -> {
                    Held h = groups.get(id);
                    if (h != null) {
                        held.add(h.group);
                        if (!heldBefore) {
                            newlyHeld.add(id);
                        }
                    } else if (heldBefore) {
                        dropped.add(id);
                    }
                });
        return new GroupMoves(held, newlyHeld, dropped);
    }

    private void noteTouched(Map<Integer, Boolean> touched, List<List<Group>> lists) {
        for (int i = 0; i < lists.size(); i++) {
            List<Group> l = lists.get(i);
            for (int j = 0; j < l.size(); j++) {
                Integer id = l.get(j).groupId();
                if (!touched.containsKey(id)) {
                    touched.put(id, groups.containsKey(id));
                }
            }
        }
    }

    synchronized SwitchEntries entries() {
        List<Group> held = new ArrayList<>(groups.size());
        groups.values().forEach(h -> held.add(h.group));
        return new SwitchEntries(List.copyOf(flows.values()), held);
    }
}
