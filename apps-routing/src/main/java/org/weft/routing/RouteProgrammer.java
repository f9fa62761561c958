package org.weft.routing;

import com.google.common.collect.ArrayListMultimap;
import com.google.common.collect.ListMultimap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.Dpid;
import org.weft.net.cluster.MastershipService;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.flow.FlowRuleService;
import org.weft.net.flow.Group;
import org.weft.net.flow.GroupService;
import org.weft.net.host.HostId;
import org.weft.net.reconcile.SwitchEntries;
import org.weft.util.IdentityCache;

/**
 * Keeps the rules and groups each plan key (a host, the flood tree) wants installed, and moves
 * switches from the intended plan to a new one: only what differs, make-before-break on each
 * switch, the first switch given (the egress) confirmed by its barrier before the others. Updates
 * of one key run one after the other, so their messages never overtake each other. A plan is intent
 * as soon as its update starts (the reconciler converges switches to it whatever happens to the
 * update); it is installed only once every switch confirmed every operation of it.
 */
final class RouteProgrammer {

    private static final Logger log = LoggerFactory.getLogger(RouteProgrammer.class);

    private final FlowRuleService flows;
    private final SwitchWriter writer;
    private final Map<PlanKey, RoutingPlan> intended = new ConcurrentHashMap<>();
    private final Map<PlanKey, RoutingPlan> installed = new ConcurrentHashMap<>();
    private final Map<PlanKey, CompletableFuture<Integer>> tails = new ConcurrentHashMap<>();

    /**
     * The key of each destination with an intended plan, by its host ({@link #keyOf}): a routed
     * packet-in finds its plan without building a key. Changed with {@link #intended}.
     */
    private final Map<HostId, PlanKey.Destination> destinations = new ConcurrentHashMap<>();

    /** Most re-assertions kept (a miss only builds the list again). */
    static final int MAX_REASSERTS = 65_536;

    /**
     * The re-assertion of a switch's rules for a key ({@link #reassert}), made once: keyed by the
     * plan's list itself (identity; weakly, so an entry goes with the last plan holding its list).
     * A plan's lists never change, so the ADDs stay right for as long as the list lives. Read on
     * every packet-in toward a routed destination, so without allocating ({@link IdentityCache}:
     * Caffeine's weak-key cache builds a lookup key per read, Guava's queues a node).
     */
    private final IdentityCache<List<FlowRule>, List<FlowRuleOperation>> reasserts =
            new IdentityCache<>(MAX_REASSERTS);

    private static final CompletableFuture<?> NOTHING_PENDING =
            CompletableFuture.completedFuture(0);

    RouteProgrammer(FlowRuleService flows, GroupService groups, MastershipService mastership) {
        this.flows = flows;
        this.writer = new SwitchWriter(flows, groups, mastership);
    }

    /** The key's plan as intended now (what the switches should hold for it). */
    RoutingPlan intended(PlanKey key) {
        return intended.getOrDefault(key, RoutingPlan.empty());
    }

    /**
     * The key of the routes toward a host: the one its intended plan is held under, else a new one
     * (equal to it).
     */
    PlanKey.Destination keyOf(HostId host) {
        PlanKey.Destination key = destinations.get(host);
        return key != null ? key : PlanKey.of(host);
    }

    /** The key's plan as last confirmed in full by every switch it touches. */
    RoutingPlan installed(PlanKey key) {
        return installed.getOrDefault(key, RoutingPlan.empty());
    }

    /** See {@link SwitchWriter#changesIssued}. */
    long changesIssued() {
        return writer.changesIssued();
    }

    Set<PlanKey> keys() {
        return intended.keySet();
    }

    /**
     * Moves the key's switches to {@code plan} ({@link RoutingPlan#empty()} removes everything).
     */
    CompletableFuture<Integer> update(PlanKey key, RoutingPlan plan, Dpid first) {
        return update(key, plan, first, null);
    }

    /**
     * As {@link #update(PlanKey, RoutingPlan, Dpid)}, looking only at the switches in {@code
     * mayDiffer} (null: every switch of the old and new plans): the caller knows that the plan
     * differs from the key's previous one, handed to this programmer just before, nowhere else. A
     * re-route after a cut rebuilds a few dozen of a destination's 980 switches.
     */
    synchronized CompletableFuture<Integer> update(
            PlanKey key, RoutingPlan plan, Dpid first, Set<Dpid> mayDiffer) {
        CompletableFuture<Integer> tail =
                tails.getOrDefault(key, CompletableFuture.completedFuture(0));
        CompletableFuture<Integer> next =
                tail.handle((ok, e) -> 0).thenCompose(x -> apply(key, plan, first, mayDiffer));
        tails.put(key, next);
        next.whenComplete((ok, e) -> tails.remove(key, next));
        return next;
    }

    private CompletableFuture<Integer> apply(
            PlanKey key, RoutingPlan plan, Dpid first, Set<Dpid> mayDiffer) {
        RoutingPlan before = intend(key, plan);
        Set<Dpid> touched = touched(before, plan, mayDiffer);
        CompletableFuture<Programmed> egress =
                CompletableFuture.completedFuture(Programmed.NOTHING_TO_DO);
        if (first != null && touched.remove(first)) {
            egress = program(first, before, plan);
        }
        return egress.thenCompose(n -> sum(n, programAll(touched, before, plan)))
                .thenApply(done -> installed(key, plan, done));
    }

    /** Makes {@code plan} the key's intent; returns the plan it replaces. */
    private RoutingPlan intend(PlanKey key, RoutingPlan plan) {
        boolean empty = isEmpty(plan);
        RoutingPlan old = empty ? intended.remove(key) : intended.put(key, plan);
        if (key instanceof PlanKey.Destination d) {
            // One update of a key at a time (its tail): no race with another change of it.
            if (empty) {
                destinations.remove(d.host());
            } else {
                destinations.putIfAbsent(d.host(), d);
            }
        }
        return old == null ? RoutingPlan.empty() : old;
    }

    private static boolean isEmpty(RoutingPlan plan) {
        return plan.flows().isEmpty() && plan.groups().isEmpty();
    }

    /** The switches to look at: {@code mayDiffer}, else every switch of either plan. */
    private static Set<Dpid> touched(RoutingPlan before, RoutingPlan after, Set<Dpid> mayDiffer) {
        if (mayDiffer != null) {
            return new HashSet<>(mayDiffer);
        }
        Set<Dpid> touched = new HashSet<>(before.switches());
        touched.addAll(after.switches());
        return touched;
    }

    /** Records the plan as installed when every switch confirmed all of it. */
    private int installed(PlanKey key, RoutingPlan plan, Programmed done) {
        if (done.complete()) {
            if (isEmpty(plan)) {
                installed.remove(key);
            } else {
                installed.put(key, plan);
            }
        }
        return done.confirmed();
    }

    /** One key's update for {@link #updateAll}. */
    record Update(PlanKey key, RoutingPlan plan, Dpid first, Set<Dpid> mayDiffer) {}

    /**
     * Updates many keys at once, as {@link #update} would each, with one change per switch for all
     * of them instead of one per key and switch (392 destinations new to 980 switches: 980 changes
     * rather than 384,000). Make before break holds for every key: each key's first switch (its
     * egress) gets its part first, and the other switches get theirs only once every key's first
     * switch confirmed. The switches' changes are prepared here, on the caller's thread. A key
     * whose previous update is still in flight, or that comes twice, is updated on its own after
     * it. Returns each update's future, in order.
     */
    synchronized List<CompletableFuture<Integer>> updateAll(List<Update> updates) {
        List<CompletableFuture<Integer>> out = new ArrayList<>(updates.size());
        Map<Dpid, List<SwitchWriter.Move>> firsts = new HashMap<>();
        Map<Dpid, List<SwitchWriter.Move>> others = new HashMap<>();
        List<ChangeTally> firstTallies = new ArrayList<>();
        List<ChangeTally> otherTallies = new ArrayList<>();
        Map<PlanKey, CompletableFuture<Integer>> bulk = new HashMap<>();
        for (Update u : updates) {
            if (tails.containsKey(u.key()) || bulk.containsKey(u.key())) {
                out.add(update(u.key(), u.plan(), u.first(), u.mayDiffer()));
                continue;
            }
            RoutingPlan before = intend(u.key(), u.plan());
            Set<Dpid> touched = touched(before, u.plan(), u.mayDiffer());
            ChangeTally first = new ChangeTally();
            ChangeTally rest = new ChangeTally();
            if (u.first() != null && touched.remove(u.first())) {
                firsts.computeIfAbsent(u.first(), s -> new ArrayList<>())
                        .add(move(u.first(), before, u.plan(), first));
            }
            for (Dpid s : touched) {
                others.computeIfAbsent(s, x -> new ArrayList<>())
                        .add(move(s, before, u.plan(), rest));
            }
            firstTallies.add(first);
            otherTallies.add(rest);
            CompletableFuture<Integer> f =
                    first.done()
                            .thenCombine(
                                    rest.done(),
                                    (a, b) ->
                                            new Programmed(
                                                    a.confirmed() + b.confirmed(),
                                                    a.complete() && b.complete()))
                            .thenApply(done -> installed(u.key(), u.plan(), done));
            bulk.put(u.key(), f);
            tails.put(u.key(), f);
            f.whenComplete((ok, e) -> tails.remove(u.key(), f));
            out.add(f);
        }
        if (bulk.isEmpty()) {
            return out;
        }
        Map<Dpid, SwitchWriter.Prepared> firstChanges;
        Map<Dpid, SwitchWriter.Prepared> otherChanges;
        try {
            firstChanges = prepare(firsts);
            otherChanges = prepare(others);
        } catch (RuntimeException e) {
            // Nothing was handed to a switch: the keys' updates fail (their intent stands, and the
            // reconciler converges the switches to it).
            firstTallies.forEach(t -> t.fail(e));
            otherTallies.forEach(t -> t.fail(e));
            return out;
        }
        firstTallies.forEach(ChangeTally::seal);
        otherTallies.forEach(ChangeTally::seal);
        firstChanges.forEach(writer::submit);
        CompletableFuture.allOf(
                        firstTallies.stream()
                                .map(ChangeTally::done)
                                .toArray(CompletableFuture[]::new))
                .thenRun(() -> otherChanges.forEach(writer::submit));
        return out;
    }

    private static SwitchWriter.Move move(
            Dpid s, RoutingPlan before, RoutingPlan after, ChangeTally tally) {
        return new SwitchWriter.Move(
                before.flows().get(s),
                before.groups().get(s),
                after.flows().get(s),
                after.groups().get(s),
                tally);
    }

    private Map<Dpid, SwitchWriter.Prepared> prepare(Map<Dpid, List<SwitchWriter.Move>> moves) {
        Map<Dpid, SwitchWriter.Prepared> out = new HashMap<>();
        moves.forEach(
                (s, m) -> {
                    SwitchWriter.Prepared p = writer.prepare(m);
                    if (!p.isEmpty()) {
                        out.put(s, p);
                    }
                });
        return out;
    }

    /** The switches' changes that have something to do (the others are done already). */
    private List<CompletableFuture<Programmed>> programAll(
            Set<Dpid> switches, RoutingPlan before, RoutingPlan after) {
        List<CompletableFuture<Programmed>> out = new ArrayList<>();
        for (Dpid s : switches) {
            CompletableFuture<Programmed> f = program(s, before, after);
            if (f != Programmed.NOTHING_DONE) {
                out.add(f);
            }
        }
        return out;
    }

    private static CompletableFuture<Programmed> sum(
            Programmed first, List<CompletableFuture<Programmed>> rest) {
        return CompletableFuture.allOf(rest.toArray(CompletableFuture[]::new))
                .thenApply(
                        x -> {
                            int n = first.confirmed();
                            boolean complete = first.complete();
                            for (CompletableFuture<Programmed> f : rest) {
                                n += f.join().confirmed();
                                complete &= f.join().complete();
                            }
                            return new Programmed(n, complete);
                        });
    }

    /**
     * Every rule and group all keys want installed, merged (what the switches should hold; a group
     * several keys share, once).
     */
    RoutingPlan intended() {
        ListMultimap<Dpid, FlowRule> f = ArrayListMultimap.create();
        Map<Dpid, Map<Integer, Group>> byId = new HashMap<>();
        intended.values()
                .forEach(
                        p -> {
                            p.flows().forEach(f::put);
                            p.groups()
                                    .forEach(
                                            (s, g) ->
                                                    byId.computeIfAbsent(
                                                                    s, x -> new LinkedHashMap<>())
                                                            .putIfAbsent(g.groupId(), g));
                        });
        ListMultimap<Dpid, Group> g = ArrayListMultimap.create();
        byId.forEach((s, m) -> g.putAll(s, m.values()));
        return RoutingPlan.of(f, g);
    }

    /** Whether no update is in flight. */
    boolean isIdle() {
        return tails.isEmpty() && writer.isIdle();
    }

    /**
     * The key's last update issued so far: completes when the switches confirmed it, fails when it
     * failed; a completed future when none is in flight. The same future for every caller until the
     * next update, so waiting on it costs one callback however many callers wait.
     */
    CompletableFuture<?> pending(PlanKey key) {
        CompletableFuture<Integer> tail = tails.get(key);
        return tail == null ? NOTHING_PENDING : tail;
    }

    /**
     * What the switch should hold for every key, as far as the updates handed to its writer so far
     * go (exact inside a pass run by {@link #exclusive}).
     */
    SwitchEntries intended(Dpid s) {
        return writer.intended(s);
    }

    /** Runs a reconcile pass of a switch in order with this programmer's batches to it. */
    <T> CompletableFuture<T> exclusive(Dpid s, Supplier<CompletableFuture<T>> pass) {
        return writer.exclusive(s, pass);
    }

    /** See {@link StagedWrites#onLeftoverTaken}. */
    void onLeftoverGroupTaken(java.util.function.Consumer<Dpid> listener) {
        writer.onLeftoverGroupTaken(listener);
    }

    /** The groups a reconcile pass left on a switch. */
    void groupsAre(Dpid s, List<Group> groups) {
        writer.groupsAre(s, groups);
    }

    /**
     * Moves one switch from a key's old plan to its new one, through the switch's single writer.
     */
    private CompletableFuture<Programmed> program(Dpid s, RoutingPlan before, RoutingPlan after) {
        return writer.change(
                s,
                before.flows().get(s),
                before.groups().get(s),
                after.flows().get(s),
                after.groups().get(s));
    }

    /**
     * Sends a switch its rules for this key again (ADD is idempotent), without waiting: a packet-in
     * for a routed destination means the switch's table lacks the entry (expired, evicted or still
     * in flight). When {@code buffered}, the rule {@link #actionsAt} reads goes last and names the
     * switch's buffer {@code bufferId} (the packet-in's), so the switch forwards the buffered
     * packet by it.
     *
     * @return whether the rules were handed to the switch (false: none, or the switch is not
     *     connected or cannot take them)
     */
    boolean reassert(PlanKey key, Dpid s, boolean buffered, int bufferId) {
        List<FlowRule> rules = intended(key).flows().get(s);
        if (rules.isEmpty()) {
            return false;
        }
        FlowRule releasing = buffered ? forwarding(rules) : null;
        return releasing == null
                ? flows.send(s, adds(rules))
                : flows.sendReleasing(s, adds(rules), releasing, bufferId);
    }

    /** An ADD of each rule, made once per list of a plan (see {@code reasserts}). */
    private List<FlowRuleOperation> adds(List<FlowRule> rules) {
        return reasserts.get(rules, r -> r.stream().map(FlowRuleOperation::add).toList());
    }

    /**
     * The actions with every group replaced by the bucket this packet would take: a fast-failover
     * group's first bucket, a select group's bucket chosen by a hash of the addresses.
     */
    List<FlowAction> resolved(PlanKey key, Dpid s, List<FlowAction> actions, byte[] frame) {
        if (!hasGroup(actions)) {
            return actions;
        }
        List<FlowAction> out = new ArrayList<>();
        for (FlowAction a : actions) {
            if (a instanceof FlowAction.ToGroup tg) {
                intended(key).groups().get(s).stream()
                        .filter(g -> g.groupId() == tg.groupId() && !g.buckets().isEmpty())
                        .findFirst()
                        .ifPresent(g -> out.addAll(pick(g, frame).actions()));
            } else {
                out.add(a);
            }
        }
        return out;
    }

    private static Group.Bucket pick(Group g, byte[] frame) {
        if (g.type() != Group.Type.SELECT) {
            return g.buckets().get(0);
        }
        int h =
                java.util.Arrays.hashCode(
                        java.util.Arrays.copyOf(frame, Math.min(frame.length, 12)));
        return g.buckets().get(Math.floorMod(h, g.buckets().size()));
    }

    /**
     * The actions a switch's rule for this key applies (to send a packet the way the plan would).
     */
    List<FlowAction> actionsAt(PlanKey key, Dpid s) {
        FlowRule r = forwarding(intended(key).flows().get(s));
        return r == null ? List.of() : r.actions();
    }

    /**
     * The rule of a key at a switch that forwards its packets arriving from any port; null if none.
     */
    private static FlowRule forwarding(List<FlowRule> rules) {
        // A loop, not a stream, and no Optional: this runs for every packet-in toward a routed
        // destination.
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).match().inPort() == null) {
                return rules.get(i);
            }
        }
        return null;
    }

    /** Whether the actions send through a group. */
    static boolean hasGroup(List<FlowAction> actions) {
        for (int i = 0; i < actions.size(); i++) {
            if (actions.get(i) instanceof FlowAction.ToGroup) {
                return true;
            }
        }
        return false;
    }
}
