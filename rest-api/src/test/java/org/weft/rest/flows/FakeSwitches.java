package org.weft.rest.flows;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.weft.net.Dpid;
import org.weft.net.flow.BatchResult;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.flow.FlowRuleService;
import org.weft.net.reconcile.IntentSource;
import org.weft.net.reconcile.PassReport;
import org.weft.net.reconcile.ReconcileService;
import org.weft.net.reconcile.ReconcileStats;
import org.weft.net.reconcile.SyncState;

/**
 * A flow rule service whose switches confirm every batch at once, unless told to stay silent (their
 * batches' futures are kept for the test to complete) or to answer with a given result; and a
 * reconcile service that records what it is asked.
 */
final class FakeSwitches implements FlowRuleService, ReconcileService {

    /** One batch sent, with the future its sender waits on. */
    record Sent(Dpid dpid, List<FlowRuleOperation> ops, CompletableFuture<BatchResult> answer) {}

    final List<Sent> sent = new CopyOnWriteArrayList<>();
    final Set<Dpid> silent = ConcurrentHashMap.newKeySet();
    final Map<Dpid, java.util.function.Function<Integer, BatchResult>> answers =
            new ConcurrentHashMap<>();
    final List<IntentSource> sources = new CopyOnWriteArrayList<>();
    final List<Dpid> passesRequested = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<BatchResult> apply(Dpid dpid, List<FlowRuleOperation> ops) {
        CompletableFuture<BatchResult> f = new CompletableFuture<>();
        synchronized (this) {
            sent.add(new Sent(dpid, ops, f));
            notifyAll();
        }
        if (!silent.contains(dpid)) {
            f.complete(answers.getOrDefault(dpid, BatchResult::confirmed).apply(ops.size()));
        }
        return f;
    }

    /**
     * Waits (on this object's monitor, woken by each batch sent) until the switch was sent its
     * {@code n}th batch, at most 5 s, and returns that batch.
     */
    synchronized Sent awaitSent(Dpid dpid, int n) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (sentTo(dpid).size() < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("switch " + dpid + " was not sent " + n + " batches");
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return sentTo(dpid).get(n - 1);
    }

    List<Sent> sentTo(Dpid dpid) {
        return sent.stream().filter(s -> s.dpid().equals(dpid)).toList();
    }

    @Override
    public void register(IntentSource source) {
        sources.add(source);
    }

    @Override
    public CompletableFuture<PassReport> reconcile(Dpid dpid) {
        passesRequested.add(dpid);
        return new CompletableFuture<>();
    }

    @Override
    public SyncState state(Dpid dpid) {
        return SyncState.UNKNOWN;
    }

    @Override
    public Set<Dpid> divergedSwitches() {
        return Set.of();
    }

    @Override
    public ReconcileStats stats() {
        return new ReconcileStats(0, 0, 0, 0, 0, 0, false, 0, 0, 0);
    }

    @Override
    public org.weft.net.reconcile.SwitchEntries intended(Dpid dpid) {
        List<org.weft.net.flow.FlowRule> flows = new java.util.ArrayList<>();
        sources.forEach(s -> flows.addAll(s.intended(dpid).flows()));
        return org.weft.net.reconcile.SwitchEntries.flows(flows);
    }

    @Override
    public Set<Integer> ownedApps() {
        Set<Integer> apps = new java.util.TreeSet<>();
        sources.forEach(s -> apps.add(s.appId()));
        return apps;
    }
}
