package org.weft.net.stats.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.weft.net.Dpid;
import org.weft.net.PortNumber;
import org.weft.net.flow.Group;
import org.weft.net.stats.FlowEntry;
import org.weft.net.stats.PortStatistics;
import org.weft.net.stats.StatsService;

/**
 * A {@link StatsService} whose port statistics requests tests answer by hand: each request stays
 * pending until {@link #answer} (or is answered at once for switches set to {@link #autoAnswer}).
 */
final class FakePortStats implements StatsService {

    private final Map<Dpid, List<CompletableFuture<List<PortStatistics>>>> pending =
            new HashMap<>();
    private final Map<Dpid, Long> autoTxBytes = new HashMap<>();
    private final List<Dpid> requests = new ArrayList<>();

    /** Answers the switch's requests at once, port 1's tx bytes growing by {@code step} each. */
    synchronized void autoAnswer(Dpid d, long step) {
        autoTxBytes.put(d, step);
    }

    synchronized List<Dpid> requests() {
        return List.copyOf(requests);
    }

    synchronized int pending(Dpid d) {
        return (int) pending.getOrDefault(d, List.of()).stream().filter(f -> !f.isDone()).count();
    }

    /** Answers the switch's oldest pending request: port 1 sent {@code txBytes}. */
    void answer(Dpid d, long txBytes) {
        CompletableFuture<List<PortStatistics>> f;
        synchronized (this) {
            f = pending.get(d).remove(0);
        }
        f.complete(List.of(port1(txBytes)));
    }

    /** Fails the switch's oldest pending request. */
    void fail(Dpid d, Throwable error) {
        CompletableFuture<List<PortStatistics>> f;
        synchronized (this) {
            f = pending.get(d).remove(0);
        }
        f.completeExceptionally(error);
    }

    static PortStatistics port1(long txBytes) {
        return new PortStatistics(PortNumber.of(1), 0, 0, 0, txBytes, 0, 0, 0, 0);
    }

    @Override
    public synchronized CompletableFuture<List<PortStatistics>> getPortStatistics(Dpid dpid) {
        requests.add(dpid);
        Long step = autoTxBytes.get(dpid);
        if (step != null) {
            long n = requests.stream().filter(dpid::equals).count();
            return CompletableFuture.completedFuture(List.of(port1(n * step)));
        }
        CompletableFuture<List<PortStatistics>> f = new CompletableFuture<>();
        pending.computeIfAbsent(dpid, x -> new ArrayList<>()).add(f);
        return f;
    }

    @Override
    public CompletableFuture<List<FlowEntry>> getFlowEntries(Dpid dpid) {
        return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public CompletableFuture<List<Group>> getGroups(Dpid dpid) {
        return CompletableFuture.completedFuture(List.of());
    }
}
