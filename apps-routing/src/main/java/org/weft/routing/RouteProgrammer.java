package org.weft.routing;

import com.google.common.collect.ArrayListMultimap;
import com.google.common.collect.ListMultimap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.Dpid;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.flow.FlowRuleService;
import org.weft.net.flow.Group;
import org.weft.net.flow.GroupService;

/**
 * Keeps the rules and groups each plan key (a host, the flood tree) wants installed, and moves
 * switches from the installed plan to a new one: only what differs, make-before-break on each
 * switch, the first switch given (the egress) confirmed by its barrier before the others. Updates
 * of one key run one after the other, so their messages never overtake each other.
 */
final class RouteProgrammer {

    private static final Logger log = LoggerFactory.getLogger(RouteProgrammer.class);

    private final FlowRuleService flows;
    private final SwitchWriter writer;
    private final Map<Object, RoutingPlan> installed = new ConcurrentHashMap<>();
    private final Map<Object, CompletableFuture<Integer>> tails = new ConcurrentHashMap<>();

    private static final CompletableFuture<?> NOTHING_PENDING =
            CompletableFuture.completedFuture(0);

    RouteProgrammer(FlowRuleService flows, GroupService groups) {
        this.flows = flows;
        this.writer = new SwitchWriter(flows, groups);
    }

    RoutingPlan installed(Object key) {
        return installed.getOrDefault(key, RoutingPlan.empty());
    }

    Set<Object> keys() {
        return installed.keySet();
    }

    /**
     * Moves the key's switches to {@code plan} ({@link RoutingPlan#empty()} removes everything).
     */
    synchronized CompletableFuture<Integer> update(Object key, RoutingPlan plan, Dpid first) {
        CompletableFuture<Integer> tail =
                tails.getOrDefault(key, CompletableFuture.completedFuture(0));
        CompletableFuture<Integer> next =
                tail.handle((ok, e) -> 0).thenCompose(x -> apply(key, plan, first));
        tails.put(key, next);
        next.whenComplete((ok, e) -> tails.remove(key, next));
        return next;
    }

    private CompletableFuture<Integer> apply(Object key, RoutingPlan plan, Dpid first) {
        RoutingPlan old =
                plan.flows().isEmpty() && plan.groups().isEmpty()
                        ? installed.remove(key)
                        : installed.put(key, plan);
        RoutingPlan before = old == null ? RoutingPlan.empty() : old;
        Set<Dpid> touched = new HashSet<>(before.switches());
        touched.addAll(plan.switches());
        CompletableFuture<Integer> egress = CompletableFuture.completedFuture(0);
        if (first != null && touched.remove(first)) {
            egress = program(first, before, plan);
        }
        return egress.thenCompose(
                n -> sum(n, touched.stream().map(s -> program(s, before, plan)).toList()));
    }

    private static CompletableFuture<Integer> sum(
            int first, List<CompletableFuture<Integer>> rest) {
        return CompletableFuture.allOf(rest.toArray(CompletableFuture[]::new))
                .thenApply(x -> first + rest.stream().mapToInt(CompletableFuture::join).sum());
    }

    /** Every rule and group all keys want installed, merged (what the switches should hold). */
    RoutingPlan intended() {
        ListMultimap<Dpid, FlowRule> f = ArrayListMultimap.create();
        ListMultimap<Dpid, Group> g = ArrayListMultimap.create();
        installed
                .values()
                .forEach(
                        p -> {
                            f.putAll(p.flows());
                            g.putAll(p.groups());
                        });
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
    CompletableFuture<?> pending(Object key) {
        CompletableFuture<Integer> tail = tails.get(key);
        return tail == null ? NOTHING_PENDING : tail;
    }

    /**
     * Brings a switch that (re)connected in line with the intent: what the switch reports (its
     * routing-app flows and its groups) is diffed against what every key wants there, make before
     * break. Entries Weft does not know (for example after a controller restart) are removed, so
     * their traffic comes to the controller again and is re-learned.
     */
    CompletableFuture<Integer> reconcile(
            Dpid dpid, Supplier<CompletableFuture<SwitchWriter.Actual>> read) {
        return writer.reconcile(dpid, read, this::intended);
    }

    /**
     * Moves one switch from a key's old plan to its new one, through the switch's single writer.
     */
    private CompletableFuture<Integer> program(Dpid s, RoutingPlan before, RoutingPlan after) {
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
     * in flight).
     */
    void reassert(Object key, Dpid s) {
        List<FlowRule> rules = installed(key).flows().get(s);
        if (!rules.isEmpty()) {
            List<FlowRuleOperation> ops = new ArrayList<>(rules.size());
            rules.forEach(r -> ops.add(FlowRuleOperation.add(r)));
            flows.send(s, ops);
        }
    }

    /**
     * The actions with every group replaced by the bucket this packet would take: a fast-failover
     * group's first bucket, a select group's bucket chosen by a hash of the addresses.
     */
    List<FlowAction> resolved(Object key, Dpid s, List<FlowAction> actions, byte[] frame) {
        if (actions.stream().noneMatch(a -> a instanceof FlowAction.ToGroup)) {
            return actions;
        }
        List<FlowAction> out = new ArrayList<>();
        for (FlowAction a : actions) {
            if (a instanceof FlowAction.ToGroup tg) {
                installed(key).groups().get(s).stream()
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
    List<FlowAction> actionsAt(Object key, Dpid s) {
        return installed(key).flows().get(s).stream()
                .filter(r -> r.match().inPort() == null)
                .findFirst()
                .map(FlowRule::actions)
                .orElse(List.of());
    }
}
