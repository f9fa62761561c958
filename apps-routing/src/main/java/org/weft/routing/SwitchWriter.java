package org.weft.routing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.weft.net.Dpid;
import org.weft.net.cluster.MastershipService;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.flow.FlowRuleService;
import org.weft.net.flow.Group;
import org.weft.net.flow.GroupService;
import org.weft.net.reconcile.SwitchEntries;
import org.weft.routing.LaneWork.Audit;
import org.weft.routing.LaneWork.Change;

/**
 * The one writer of routing entries to each switch. Work for one switch runs one batch at a time,
 * in the order it was queued (whichever destination it is for, and audits in between), so no batch
 * sees the switch half-way through another. Changes queued while a batch is in flight are merged
 * into the next batch when they touch different rules (and share groups only alike), so a re-route
 * of many destinations costs each switch a few barriers, not a few per destination. Group
 * operations are decided against a shadow of the groups the switch holds ({@link StagedWrites}), so
 * a group is added only when it is absent, modified when it differs and removed only when present
 * and no change holds it any more ({@link LaneIntent}, destinations share groups): the switch never
 * answers GROUP_EXISTS, UNKNOWN_GROUP or BAD_OUT_GROUP. Within a batch: groups added or changed,
 * then (behind their barrier, without waiting for its reply) rules added or changed and stale rules
 * removed, then, once both are confirmed, stale groups removed (make before break).
 */
final class SwitchWriter {

    /** Most changes merged into one batch. */
    static final int MAX_MERGED = 256;

    private final MastershipService mastership;
    private final LongAdder skipped = new LongAdder();
    private final LongAdder issued = new LongAdder();
    private final Map<Dpid, Lane> lanes = new ConcurrentHashMap<>();
    private final StagedWrites writes;

    /** Per switch, the entries the changes run so far asked for ({@link LaneIntent}). */
    private final Map<Dpid, LaneIntent> intents = new ConcurrentHashMap<>();

    SwitchWriter(FlowRuleService flows, GroupService groups, MastershipService mastership) {
        this.mastership = mastership;
        this.writes = new StagedWrites(flows, groups);
    }

    /**
     * Batches not written because another instance of the cluster masters the switch (it writes the
     * same plan there).
     */
    long skipped() {
        return skipped.sum();
    }

    /** Changes handed over so far ({@link #change} calls that had something to send). */
    long changesIssued() {
        return issued.sum();
    }

    /** One key's move on a switch, to {@link #prepare} with other keys' moves. */
    record Move(
            List<FlowRule> beforeFlows,
            List<Group> beforeGroups,
            List<FlowRule> afterFlows,
            List<Group> afterGroups,
            ChangeTally tally) {}

    /** A switch's changes for many keys, prepared ahead and handed over by {@link #submit}. */
    static final class Prepared {
        private final List<Change> changes;

        private Prepared(List<Change> changes) {
            this.changes = changes;
        }

        boolean isEmpty() {
            return changes.isEmpty();
        }
    }

    /** A switch's queue; {@code busy} while a batch is in flight (guarded by the lane). */
    private static final class Lane {
        final ArrayDeque<LaneWork> pending = new ArrayDeque<>();
        boolean busy;
    }

    /** Changes queued or in flight, on every switch. */
    private final AtomicInteger changesInFlight = new AtomicInteger();

    /**
     * Whether every change handed over so far has ended (confirmed or failed). Reconcile passes do
     * not count: on a large fabric one is nearly always running somewhere (each switch gets one
     * every interval), and a pass changes nothing on a switch that holds its intent. Cheap: the
     * reconciler asks before each periodic pass.
     */
    boolean isIdle() {
        return changesInFlight.get() == 0;
    }

    /** Moves one destination's entries on a switch from {@code before} to {@code after}. */
    CompletableFuture<Programmed> change(
            Dpid s,
            List<FlowRule> beforeFlows,
            List<Group> beforeGroups,
            List<FlowRule> afterFlows,
            List<Group> afterGroups) {
        if (beforeFlows.equals(afterFlows) && beforeGroups.equals(afterGroups)) {
            return Programmed.NOTHING_DONE;
        }
        List<FlowRuleOperation> ops = SwitchDiff.flows(beforeFlows, afterFlows);
        if (ops.isEmpty() && beforeGroups.equals(afterGroups)) {
            // Nothing to send: not worth waiting behind other destinations' batches (an egress
            // switch that keeps its entries must not hold up the rest of the re-route).
            return Programmed.NOTHING_DONE;
        }
        Set<SwitchDiff.Key> rules = new HashSet<>();
        ops.forEach(op -> rules.add(SwitchDiff.Key.of(op.rule())));
        Map<Integer, Object> claims = new HashMap<>(4);
        beforeGroups.forEach(g -> ChangeMerge.claim(claims, g.groupId(), g));
        afterGroups.forEach(g -> ChangeMerge.claim(claims, g.groupId(), g));
        ChangeTally tally = new ChangeTally();
        tally.expect();
        tally.seal();
        enqueue(
                s,
                new Change(
                        ops,
                        List.of(beforeGroups),
                        List.of(afterGroups),
                        rules,
                        claims,
                        new int[] {ops.size()},
                        new ChangeTally[] {tally}));
        return tally.done();
    }

    /**
     * Prepares many keys' moves on one switch as a few changes (any thread; nothing is sent): each
     * move with something to do is {@linkplain ChangeTally#expect expected} on its tally, and
     * reported there once its batch ends. Moves share a change as long as the merged batch does
     * what running them one after the other would: no move adds a rule an earlier one removes
     * (additions go before removals), and no two see a group id with different content. One change
     * holds at most {@value #MAX_MERGED} moves.
     */
    Prepared prepare(List<Move> moves) {
        List<Change> out = new ArrayList<>();
        ChangeMerge.Bulk bulk = null;
        for (Move m : moves) {
            if (m.beforeFlows().equals(m.afterFlows())
                    && m.beforeGroups().equals(m.afterGroups())) {
                continue;
            }
            List<FlowRuleOperation> ops = SwitchDiff.flows(m.beforeFlows(), m.afterFlows());
            if (ops.isEmpty() && m.beforeGroups().equals(m.afterGroups())) {
                continue;
            }
            m.tally().expect();
            if (bulk == null || !bulk.fits(ops, m.beforeGroups(), m.afterGroups())) {
                if (bulk != null) {
                    out.add(bulk.change());
                }
                bulk = new ChangeMerge.Bulk();
            }
            bulk.add(ops, m.beforeGroups(), m.afterGroups(), m.tally());
        }
        if (bulk != null) {
            out.add(bulk.change());
        }
        return new Prepared(out);
    }

    /** Hands a switch its prepared changes, in order behind its queued work. */
    void submit(Dpid s, Prepared p) {
        p.changes.forEach(c -> enqueue(s, c));
    }

    /**
     * Runs a reconcile pass of a switch alone in its lane: after every batch queued before it, and
     * before any queued after, so the pass reads and writes a switch no routing batch is changing.
     */
    @SuppressWarnings("unchecked")
    <T> CompletableFuture<T> exclusive(Dpid s, Supplier<CompletableFuture<T>> pass) {
        CompletableFuture<Object> done = new CompletableFuture<>();
        enqueue(s, new Audit(() -> (CompletableFuture<Object>) pass.get(), done));
        return (CompletableFuture<T>) done;
    }

    /**
     * The switch's entries as every change run so far asked for: exact when called from a pass
     * inside {@link #exclusive}; elsewhere it trails the changes still queued.
     */
    SwitchEntries intended(Dpid s) {
        LaneIntent intent = intents.get(s);
        return intent == null ? SwitchEntries.EMPTY : intent.entries();
    }

    /** See {@link StagedWrites#onLeftoverTaken}. */
    void onLeftoverGroupTaken(java.util.function.Consumer<Dpid> listener) {
        writes.onLeftoverTaken(listener);
    }

    /** The groups a reconcile pass left on the switch: the shadow the next changes start from. */
    void groupsAre(Dpid s, List<Group> groups) {
        writes.groupsAre(s, groups);
    }

    private void enqueue(Dpid s, LaneWork w) {
        Lane lane = lanes.computeIfAbsent(s, d -> new Lane());
        boolean start;
        synchronized (lane) {
            lane.pending.add(w);
            start = !lane.busy;
            lane.busy = true;
            if (w instanceof Change) {
                changesInFlight.incrementAndGet();
                issued.increment();
            }
        }
        if (start) {
            drain(s, lane);
        }
    }

    /** Runs the lane's batches until it is empty or a batch is still waiting for its barrier. */
    private void drain(Dpid s, Lane lane) {
        while (true) {
            List<LaneWork> batch;
            synchronized (lane) {
                if (lane.pending.isEmpty()) {
                    lane.busy = false;
                    return;
                }
                batch = ChangeMerge.nextBatch(lane.pending);
            }
            CompletableFuture<?> f = run(s, batch);
            if (!f.isDone()) {
                f.whenComplete((x, e) -> drain(s, lane));
                return;
            }
        }
    }

    /** Runs a batch; every part of its changes reports to its tally when it ends. */
    private CompletableFuture<?> run(Dpid s, List<LaneWork> batch) {
        if (batch.get(0) instanceof Audit a) {
            CompletableFuture<?> f;
            try {
                f = a.body().get();
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            return f.whenComplete(
                    (n, e) -> {
                        if (e != null) {
                            a.done().completeExceptionally(e);
                        } else {
                            a.done().complete(n);
                        }
                    });
        }
        List<FlowRuleOperation> ops = new ArrayList<>();
        List<FlowRuleOperation> removes = new ArrayList<>();
        List<List<Group>> before = new ArrayList<>(batch.size());
        List<List<Group>> after = new ArrayList<>(batch.size());
        LaneIntent intent = intents.computeIfAbsent(s, d -> new LaneIntent());
        for (LaneWork w : batch) {
            Change c = (Change) w;
            for (FlowRuleOperation op : c.flowOps()) {
                intent.ran(op);
                (op.type() == FlowRuleOperation.Type.ADD ? ops : removes).add(op);
            }
            before.addAll(c.beforeGroups());
            after.addAll(c.afterGroups());
        }
        LaneIntent.GroupMoves moves = intent.groupsMoved(before, after);
        // Every change's additions before any change's removals: make before break holds for the
        // merged batch too (no change adds a rule an earlier one removes, so the order between
        // them is free).
        int adds = ops.size();
        ops.addAll(removes);
        CompletableFuture<WriteOutcome> f;
        if (!mastership.isMaster(s)) {
            // Another instance masters the switch and writes it; the intent stays recorded, so a
            // pass gives the switch these entries when this instance becomes its master. The group
            // shadow is unknown from now until that pass.
            skipped.increment();
            writes.forget(s);
            f = CompletableFuture.completedFuture(WriteOutcome.SKIPPED);
        } else {
            try {
                f = writes.write(s, ops, moves);
            } catch (RuntimeException e) {
                writes.failed(s, e);
                f = CompletableFuture.completedFuture(WriteOutcome.NOTHING);
            }
        }
        return f.whenComplete((o, e) -> report(batch, adds, o));
    }

    /**
     * Reports a batch's outcome: each part counts its own confirmed flow operations (found at their
     * place in the merged batch: adds first, removes after); the batch's confirmed group operations
     * are counted on the first part.
     */
    private void report(List<LaneWork> batch, int adds, WriteOutcome o) {
        changesInFlight.addAndGet(-batch.size());
        WriteOutcome out = o == null ? WriteOutcome.NOTHING : o;
        int addAt = 0;
        int removeAt = adds;
        boolean first = true;
        for (LaneWork w : batch) {
            Change c = (Change) w;
            int from = 0;
            for (int p = 0; p < c.ends().length; p++) {
                int confirmed = first ? out.groupsConfirmed() : 0;
                first = false;
                boolean complete = out.clean();
                for (int i = from; i < c.ends()[p]; i++) {
                    FlowRuleOperation op = c.flowOps().get(i);
                    int at = op.type() == FlowRuleOperation.Type.ADD ? addAt++ : removeAt++;
                    if (out.flowConfirmed(at)) {
                        confirmed++;
                    } else if (!out.skipped()) {
                        complete = false;
                    }
                }
                from = c.ends()[p];
                c.tallies()[p].report(confirmed, complete);
            }
        }
    }
}
