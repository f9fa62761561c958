package org.weft.routing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.flow.Group;

/**
 * When changes for one switch may share a batch ({@link SwitchWriter}): changes queued behind a
 * batch in flight merge into the next one ({@link #nextBatch}), and many keys' moves prepared
 * together merge into a few changes ({@link Bulk}), as long as the merged batch does what running
 * them one after the other would: no two touch the same rule (or, prepared together, none adds a
 * rule an earlier one removes), and no two see a group id with different content ({@link #claim}).
 */
final class ChangeMerge {

    private ChangeMerge() {}

    /**
     * An audit or a prepared change alone, or the longest run of changes touching different rules
     * and the same groups only alike (destinations sharing a group: {@link #claim}).
     */
    static List<LaneWork> nextBatch(ArrayDeque<LaneWork> pending) {
        List<LaneWork> batch = new ArrayList<>();
        if (pending.peekFirst() instanceof LaneWork.Audit
                || (pending.peekFirst() instanceof LaneWork.Change c && c.rules() == null)) {
            batch.add(pending.pollFirst());
            return batch;
        }
        Set<SwitchDiff.Key> rules = new HashSet<>();
        Map<Integer, Object> groups = new HashMap<>();
        while (batch.size() < SwitchWriter.MAX_MERGED
                && pending.peekFirst() instanceof LaneWork.Change c) {
            if (c.rules() == null
                    || !disjoint(rules, c.rules())
                    || !compatible(groups, c.groupClaims())) {
                break;
            }
            rules.addAll(c.rules());
            c.groupClaims().forEach((id, g) -> claim(groups, id, g));
            batch.add(pending.pollFirst());
        }
        return batch;
    }

    /** Marks a group id that changes of one batch do not all see with the same content. */
    static final Object EXCLUSIVE = new Object();

    /**
     * Records what a change (or a batch) needs group {@code id} to be: a group shared by several
     * destinations has one content, so changes that only hold or drop it merge into one batch; a
     * change that gives an id other content than another change sees runs in a batch of its own.
     */
    static void claim(Map<Integer, Object> claims, int id, Object g) {
        claims.merge(id, g, (a, b) -> alike(a, b) ? a : EXCLUSIVE);
    }

    private static boolean compatible(Map<Integer, Object> batch, Map<Integer, Object> change) {
        for (Map.Entry<Integer, Object> e : change.entrySet()) {
            Object had = batch.get(e.getKey());
            if (had != null && !alike(had, e.getValue())) {
                return false;
            }
        }
        return true;
    }

    static boolean alike(Object a, Object b) {
        return a != EXCLUSIVE && b != EXCLUSIVE && (a == b || a.equals(b));
    }

    private static <T> boolean disjoint(Set<T> a, Set<T> b) {
        for (T x : b) {
            if (a.contains(x)) {
                return false;
            }
        }
        return true;
    }

    /** A change being prepared for many keys ({@link SwitchWriter#prepare}). */
    static final class Bulk {
        final List<FlowRuleOperation> ops = new ArrayList<>();
        final List<List<Group>> before = new ArrayList<>();
        final List<List<Group>> after = new ArrayList<>();
        final List<ChangeTally> tallies = new ArrayList<>();
        final Map<Integer, Object> claims = new HashMap<>();
        int[] ends = new int[8];

        /** The rules removed so far; null while none is. */
        Set<SwitchDiff.Key> removed;

        boolean fits(List<FlowRuleOperation> moveOps, List<Group> b, List<Group> a) {
            if (tallies.size() >= SwitchWriter.MAX_MERGED) {
                return false;
            }
            if (removed != null) {
                for (int i = 0; i < moveOps.size(); i++) {
                    FlowRuleOperation op = moveOps.get(i);
                    if (op.type() == FlowRuleOperation.Type.ADD
                            && removed.contains(SwitchDiff.Key.of(op.rule()))) {
                        return false;
                    }
                }
            }
            return fitsGroups(b, b, a) && fitsGroups(a, b, a);
        }

        // Indexed loops here and below: asked for every move of every destination on every switch,
        // where an iterator per loop was a tenth of the routing thread's allocation.
        private boolean fitsGroups(List<Group> side, List<Group> b, List<Group> a) {
            for (int i = 0; i < side.size(); i++) {
                Group g = side.get(i);
                Object had = claims.get(g.groupId());
                if (had != null && !alike(had, ownClaim(g, b, a))) {
                    return false;
                }
            }
            return true;
        }

        /**
         * What one move needs group {@code g}'s id to be (as {@link ChangeMerge#claim} would record
         * it).
         */
        private static Object ownClaim(Group g, List<Group> b, List<Group> a) {
            return differs(g, b) || differs(g, a) ? EXCLUSIVE : g;
        }

        /** Whether {@code side} holds {@code g}'s id with other content. */
        private static boolean differs(Group g, List<Group> side) {
            for (int i = 0; i < side.size(); i++) {
                Group other = side.get(i);
                if (other.groupId() == g.groupId() && !other.equals(g)) {
                    return true;
                }
            }
            return false;
        }

        void add(List<FlowRuleOperation> moveOps, List<Group> b, List<Group> a, ChangeTally t) {
            for (int i = 0; i < moveOps.size(); i++) {
                FlowRuleOperation op = moveOps.get(i);
                if (op.type() == FlowRuleOperation.Type.REMOVE) {
                    if (removed == null) {
                        removed = new HashSet<>();
                    }
                    removed.add(SwitchDiff.Key.of(op.rule()));
                }
            }
            ops.addAll(moveOps);
            for (int i = 0; i < b.size(); i++) {
                claim(claims, b.get(i).groupId(), b.get(i));
            }
            for (int i = 0; i < a.size(); i++) {
                claim(claims, a.get(i).groupId(), a.get(i));
            }
            before.add(b);
            after.add(a);
            if (tallies.size() == ends.length) {
                ends = java.util.Arrays.copyOf(ends, ends.length * 2);
            }
            ends[tallies.size()] = ops.size();
            tallies.add(t);
        }

        LaneWork.Change change() {
            return new LaneWork.Change(
                    ops,
                    before,
                    after,
                    null,
                    claims,
                    java.util.Arrays.copyOf(ends, tallies.size()),
                    tallies.toArray(ChangeTally[]::new));
        }
    }
}
