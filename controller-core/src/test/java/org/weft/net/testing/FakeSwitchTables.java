package org.weft.net.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.weft.net.DeviceNotConnectedException;
import org.weft.net.Dpid;
import org.weft.net.SwitchErrorException;
import org.weft.net.flow.BatchFailure;
import org.weft.net.flow.BatchFailureListener;
import org.weft.net.flow.BatchResult;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleCounters;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.flow.FlowRuleService;
import org.weft.net.flow.Group;
import org.weft.net.flow.GroupOperation;
import org.weft.net.flow.GroupService;
import org.weft.net.stats.FlowEntry;
import org.weft.net.stats.PortStatistics;
import org.weft.net.stats.StatsService;

/**
 * Switch tables in memory behind the flow, group and stats services: batches apply at once (or are
 * rejected while a switch is set to reject, or never answered while it is set to hang), every
 * operation is recorded, failed batches are told to listeners as the driver tells them.
 */
public final class FakeSwitchTables
        implements FlowRuleService, GroupService, StatsService, FlowRuleCounters {

    private record Key(int table, int priority, FlowMatch match) {}

    private final Map<Dpid, Map<Key, FlowRule>> flows = new ConcurrentHashMap<>();
    private final Map<Dpid, Map<Integer, Group>> groups = new ConcurrentHashMap<>();
    private final Map<Dpid, String> rejecting = new ConcurrentHashMap<>();
    private final Map<Dpid, Boolean> hanging = new ConcurrentHashMap<>();
    private final List<BatchFailureListener> listeners = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<?>> hung = new CopyOnWriteArrayList<>();

    /** Every flow operation sent, in order. */
    public final List<FlowRuleOperation> flowOps = new CopyOnWriteArrayList<>();

    /** Every group operation sent, in order. */
    public final List<GroupOperation> groupOps = new CopyOnWriteArrayList<>();

    /** Flow-stats reads answered. */
    public final AtomicInteger reads = new AtomicInteger();

    /** Adds a switch with empty tables (operations to unknown switches fail as disconnected). */
    public void connect(Dpid dpid) {
        flows.put(dpid, new ConcurrentHashMap<>());
        groups.put(dpid, new ConcurrentHashMap<>());
    }

    public void disconnect(Dpid dpid) {
        flows.remove(dpid);
        groups.remove(dpid);
    }

    /** Puts an entry on the switch behind the controller's back. */
    public void put(FlowRule r) {
        flows.get(r.dpid()).put(key(r), r);
    }

    public void put(Group g) {
        groups.get(g.dpid()).put(g.groupId(), g);
    }

    /** Removes every entry of the switch behind the controller's back. */
    public void wipe(Dpid dpid) {
        flows.get(dpid).clear();
        groups.get(dpid).clear();
    }

    /** Rejects every flow add (with {@code code} as FLOW_MOD_FAILED's code), or accepts (null). */
    public void reject(Dpid dpid, String code) {
        if (code == null) {
            rejecting.remove(dpid);
        } else {
            rejecting.put(dpid, code);
        }
    }

    /** Never answers batches or reads of the switch (until set false). */
    public void hang(Dpid dpid, boolean on) {
        hanging.put(dpid, on);
    }

    /**
     * Every request left unanswered so far fails, as the driver's request timeout would fail it.
     */
    public void timeOutHung() {
        List<CompletableFuture<?>> all = List.copyOf(hung);
        hung.clear();
        all.forEach(
                f ->
                        f.completeExceptionally(
                                new java.util.concurrent.TimeoutException("no reply")));
    }

    public List<FlowRule> flows(Dpid dpid) {
        return List.copyOf(flows.getOrDefault(dpid, Map.of()).values());
    }

    public List<Group> groups(Dpid dpid) {
        return List.copyOf(groups.getOrDefault(dpid, Map.of()).values());
    }

    private static Key key(FlowRule r) {
        return new Key(r.tableId(), r.priority(), r.match());
    }

    private <T> CompletableFuture<T> hangOr(Dpid dpid, java.util.function.Supplier<T> answer) {
        if (!flows.containsKey(dpid)) {
            return CompletableFuture.failedFuture(new DeviceNotConnectedException(dpid));
        }
        if (hanging.getOrDefault(dpid, false)) {
            CompletableFuture<T> f = new CompletableFuture<>();
            hung.add(f);
            return f;
        }
        return CompletableFuture.completedFuture(answer.get());
    }

    @Override
    public CompletableFuture<BatchResult> apply(Dpid dpid, List<FlowRuleOperation> operations) {
        return hangOr(
                dpid,
                () -> {
                    Map<Integer, SwitchErrorException> failed = new TreeMap<>();
                    Map<Key, FlowRule> table = flows.get(dpid);
                    for (int i = 0; i < operations.size(); i++) {
                        FlowRuleOperation op = operations.get(i);
                        flowOps.add(op);
                        String code = rejecting.get(dpid);
                        if (code != null && op.type() != FlowRuleOperation.Type.REMOVE) {
                            failed.put(
                                    i, new SwitchErrorException(dpid, i, "FLOW_MOD_FAILED", code));
                        } else if (op.type() == FlowRuleOperation.Type.REMOVE) {
                            table.remove(key(op.rule()));
                        } else {
                            table.put(key(op.rule()), op.rule());
                        }
                    }
                    BatchResult r = BatchResult.of(operations.size(), failed);
                    if (!r.ok()) {
                        SwitchErrorException first = failed.values().iterator().next();
                        BatchFailure f =
                                new BatchFailure(
                                        dpid,
                                        first.errorType() + "/" + first.errorCode(),
                                        operations.size(),
                                        failed.size());
                        listeners.forEach(l -> l.batchFailed(f));
                    }
                    return r;
                });
    }

    /** As the driver: false, and nothing sent, when the switch is not connected. */
    @Override
    public boolean send(Dpid dpid, List<FlowRuleOperation> operations) {
        if (!flows.containsKey(dpid)) {
            return false;
        }
        apply(dpid, operations);
        return true;
    }

    @Override
    public CompletableFuture<BatchResult> applyGroups(Dpid dpid, List<GroupOperation> operations) {
        return hangOr(
                dpid,
                () -> {
                    Map<Integer, Group> table = groups.get(dpid);
                    for (GroupOperation op : operations) {
                        groupOps.add(op);
                        if (op.type() == GroupOperation.Type.REMOVE) {
                            table.remove(op.group().groupId());
                        } else {
                            table.put(op.group().groupId(), op.group());
                        }
                    }
                    return BatchResult.confirmed(operations.size());
                });
    }

    @Override
    public CompletableFuture<List<FlowEntry>> getFlowEntries(Dpid dpid) {
        return hangOr(
                dpid,
                () -> {
                    reads.incrementAndGet();
                    List<FlowEntry> out = new ArrayList<>();
                    flows.get(dpid).values().forEach(r -> out.add(new FlowEntry(r, 0, 0, 0)));
                    return out;
                });
    }

    @Override
    public CompletableFuture<List<PortStatistics>> getPortStatistics(Dpid dpid) {
        return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public CompletableFuture<List<Group>> getGroups(Dpid dpid) {
        return hangOr(dpid, () -> List.copyOf(groups.get(dpid).values()));
    }

    @Override
    public long flowModsSent() {
        return flowOps.size();
    }

    @Override
    public long groupModsSent() {
        return groupOps.size();
    }

    @Override
    public long packetOutsSent() {
        return 0;
    }

    @Override
    public Map<Dpid, Map<String, Long>> flowModFailures() {
        return Map.of();
    }

    @Override
    public int failedBatchesLastMinute() {
        return 0;
    }

    @Override
    public void addFailureListener(BatchFailureListener listener) {
        listeners.add(listener);
    }
}
