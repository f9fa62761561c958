package org.weft.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.weft.net.Dpid;
import org.weft.net.topology.LinkWeigher;
import org.weft.net.topology.LinkWeighers;
import org.weft.net.topology.PathService;
import org.weft.net.topology.TopologySnapshot;
import org.weft.net.topology.graph.PlanningGraph;
import org.weft.net.topology.impl.SnapshotPathService;

/**
 * Times path planning over one synthetic fat-tree snapshot in this JVM: each operation runs for a
 * warm-up period, then for a measured period, and reports the mean time per call. Operations go
 * through the public APIs the controller uses: {@link SnapshotPathService} (REST and apps) on a
 * fixed snapshot, and {@link PlanningGraph} (routing's planner).
 */
final class PathsRun {

    /** One timed operation: mean milliseconds per call over {@code calls} calls. */
    record Timing(String name, long calls, double msPerOp) {}

    /** What was measured: the fabric's size and one timing per operation. */
    record Result(int k, int switches, int links, List<Timing> timings) {}

    private final int k;
    private final long warmupNanos;
    private final long measureNanos;

    /** Results folded together, so that no call can be optimised away. */
    private int sink;

    PathsRun(int k, long warmupMillis, long measureMillis) {
        this.k = k;
        this.warmupNanos = warmupMillis * 1_000_000L;
        this.measureNanos = measureMillis * 1_000_000L;
    }

    Result run() {
        TopologySnapshot snap = FatTreeSnapshot.build(k, 42);
        PathService paths = new SnapshotPathService(() -> snap);
        Dpid first = snap.switches().first();
        Dpid last = snap.switches().last();
        LinkWeigher latency = LinkWeighers.LATENCY;
        LinkWeigher hops = LinkWeighers.HOP_COUNT;
        List<Timing> t = new ArrayList<>();
        t.add(
                time(
                        "weighted view build (LATENCY)",
                        () -> new PlanningGraph(snap, latency).hashCode()));
        t.add(
                time(
                        "shortest path first->last (LATENCY)",
                        () -> paths.getPath(first, last, latency).orElseThrow().hopCount()));
        t.add(
                time(
                        "shortest path first->last (HOP_COUNT)",
                        () -> paths.getPath(first, last, hops).orElseThrow().hopCount()));
        t.add(
                time(
                        "equal-cost next hops to last (HOP_COUNT, path service)",
                        () -> paths.getNextHops(last, hops).links().size()));
        PlanningGraph graph = new PlanningGraph(snap, hops);
        t.add(
                time(
                        "equal-cost next hops to last (HOP_COUNT, planning graph)",
                        () -> graph.nextHops(last).links().size()));
        t.add(
                time(
                        "equal-cost paths first->last (HOP_COUNT, max 16)",
                        () -> paths.getEqualCostPaths(first, last, hops).size()));
        t.add(
                time(
                        "k shortest paths first->last (LATENCY, k=4)",
                        () -> paths.getKShortestPaths(first, last, latency, 4).size()));
        return new Result(k, snap.switches().size(), snap.links().size(), t);
    }

    private Timing time(String name, IntSupplier op) {
        loop(op, warmupNanos);
        long start = System.nanoTime();
        long calls = loop(op, measureNanos);
        double ms = (System.nanoTime() - start) / 1e6 / calls;
        return new Timing(name, calls, ms);
    }

    /** Calls {@code op} until {@code nanos} have passed (at least once); returns the count. */
    private long loop(IntSupplier op, long nanos) {
        long end = System.nanoTime() + nanos;
        long calls = 0;
        do {
            sink += op.getAsInt();
            calls++;
        } while (System.nanoTime() < end);
        return calls;
    }
}
