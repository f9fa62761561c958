package org.weft.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.dist.Weft;
import org.weft.dist.WeftConfig;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.Group;
import org.weft.net.reconcile.PassReport;
import org.weft.net.reconcile.ReconcileStats;
import org.weft.openflow.emulator.EmulatedFabric;
import org.weft.openflow.emulator.EmulatedSwitch;
import org.weft.openflow.emulator.FabricBuilder;

/**
 * The reconciler's cost on an emulated k-ary fat tree (k=28: 980 switches) with routes installed,
 * against an in-process Weft: full passes over every switch at once (time, switch passes per
 * second, Weft's CPU, the control-channel traffic a pass costs per switch), then repairs: every
 * entry of N switches deleted behind Weft's back through the emulator, and the time until each
 * holds again exactly what it held, first left to the periodic passes, then by a full pass.
 */
final class ReconcileRun {

    private static final Logger log = LoggerFactory.getLogger(ReconcileRun.class);

    /** How often a repair wait compares the damaged switches' tables with what they held. */
    private static final long COMPARE_MILLIS = 20;

    /**
     * @param k fat-tree arity (5k^2/4 switches)
     * @param hostsPerEdge hosts on free ports of every edge switch
     * @param passes full passes measured
     * @param repairSwitches switches whose every entry is deleted for each repair run
     * @param intervalS reconcile.intervalS (each switch's periodic pass)
     * @param maxInFlight reconcile.maxPassesInFlight
     * @param lldpIntervalMs topology.lldpIntervalMs
     * @param limit the longest any single wait may take
     */
    record Options(
            int k,
            int hostsPerEdge,
            int passes,
            int repairSwitches,
            double intervalS,
            int maxInFlight,
            long lldpIntervalMs,
            Duration limit) {}

    /** Traffic of one switch's share of a full pass, added up over the switches. */
    record Wire(
            long flowStatsRequests,
            long flowStatsRequestBytes,
            long flowStatsReplies,
            long flowStatsReplyBytes,
            long groupDescRequests,
            long groupDescRequestBytes,
            long groupDescReplies,
            long groupDescReplyBytes,
            long flowMods,
            long groupMods,
            long barriers,
            long bytesFromWeft,
            long bytesToWeft) {}

    /**
     * One full pass: every switch asked for a pass at once.
     *
     * @param seconds from the requests to the last pass's report
     * @param switchPassMillis each switch's own pass time (reading, diffing, writing), sorted
     * @param changes operations sent (0 when the tables matched intent)
     * @param failed operations not confirmed
     * @param weftCpuSeconds CPU of Weft's own threads
     * @param processCpuSeconds CPU of the whole process (Weft, emulator, GC, JIT)
     * @param cpuByThread Weft's CPU seconds per thread family
     * @param extraPasses passes counted by the reconciler beyond one per switch (periodic ones)
     * @param wire the control-channel traffic of the pass (all switches)
     */
    record Pass(
            double seconds,
            double[] switchPassMillis,
            long changes,
            long failed,
            double weftCpuSeconds,
            double processCpuSeconds,
            Map<String, Double> cpuByThread,
            long extraPasses,
            Wire wire) {}

    /**
     * A repair: entries deleted on {@code switches} switches, then waited for.
     *
     * @param how "periodic passes" or "a full pass"
     * @param entriesDeleted flows and groups deleted in all
     * @param repairedMillis per damaged switch, from the deletion until its table equalled what it
     *     held before, sorted (-1: not within the limit)
     * @param seconds until the last was repaired (or the full pass ended, if later)
     * @param weftCpuSeconds CPU of Weft's threads over that time
     * @param wire control-channel traffic of all switches over that time
     */
    record Repair(
            String how,
            int switches,
            int entriesDeleted,
            long[] repairedMillis,
            double seconds,
            double weftCpuSeconds,
            Wire wire) {
        boolean allRepaired() {
            return Arrays.stream(repairedMillis).allMatch(m -> m >= 0);
        }
    }

    /** Everything a run measured. */
    record Result(
            Options options,
            int switches,
            int links,
            int hosts,
            int flows,
            int groups,
            double connectSeconds,
            double convergeSeconds,
            double idleWeftCores,
            List<Pass> passes,
            List<Repair> repairs) {}

    private final Options opt;

    ReconcileRun(Options opt) {
        this.opt = opt;
    }

    Result run() throws Exception {
        Path dataDir = Files.createTempDirectory("weft-bench-reconcile");
        try {
            return run(dataDir);
        } finally {
            deleteTree(dataDir);
        }
    }

    private WeftConfig config(Path dataDir) {
        WeftConfig cfg = new WeftConfig();
        cfg.openflow.bindAddress = "127.0.0.1";
        cfg.openflow.ports = List.of(0);
        cfg.openflow.echoIntervalMs = 10_000;
        cfg.openflow.handshakeTimeoutMs = opt.limit().toMillis();
        cfg.rest.port = 0;
        cfg.dataDir = dataDir.toString();
        cfg.reconcile.intervalS = opt.intervalS();
        cfg.reconcile.maxPassesInFlight = opt.maxInFlight();
        cfg.topology.lldpIntervalMs = opt.lldpIntervalMs();
        // A switch without its entries drops the LLDP probes it receives; links must outlive the
        // wait for its repair, or routing would re-route around it and repair it itself.
        long lldp = cfg.topology.lldpIntervalMs;
        cfg.topology.linkTimeoutIntervals =
                (int) Math.max(3, 2 * Math.ceil(opt.intervalS() * 1000 / lldp) + 10);
        return cfg;
    }

    private Result run(Path dataDir) throws Exception {
        FailoverWatch watch = new FailoverWatch();
        // Weft without the caller's environment: a WEFT_API_TOKEN there must not change the run.
        try (EmulatedFabric fabric = FabricBuilder.fatTree(opt.k()).build();
                Weft weft = Weft.start(config(dataDir), name -> null)) {
            weft.failover().addListener(watch);
            weft.core().topologyService().addListener(watch.topologyListener);
            List<EdgeHost> hosts = EdgeHost.onFreePorts(fabric, opt.hostsPerEdge());
            FailoverBed bed =
                    new FailoverBed(
                            weft,
                            fabric,
                            watch,
                            2 * fabric.cables().size(),
                            hosts.size(),
                            1_000,
                            opt.limit());
            long t0 = System.nanoTime();
            fabric.connect("127.0.0.1", weft.openflowPorts().get(0), opt.limit());
            double connect = seconds(t0);
            log.info("{} switches connected in {} s", fabric.switches().size(), connect);
            Map<EmulatedSwitch, WireTally> tallies = new HashMap<>();
            for (EmulatedSwitch sw : fabric.switches()) {
                WireTally t = new WireTally();
                sw.wire().channel().pipeline().addFirst("bench-wire-tally", t);
                tallies.put(sw, t);
            }
            check(bed.awaitLinks(bed.deadline()), bed.links() + " links discovered");
            check(bed.announce(hosts, bed.deadline()), hosts.size() + " hosts learned");
            long t1 = System.nanoTime();
            check(bed.awaitConverged(bed.deadline()), "routes converged");
            check(bed.awaitSettled(bed.deadline()), "routes settled");
            double converge = seconds(t1);
            int flows = 0;
            int groups = 0;
            for (EmulatedSwitch sw : fabric.switches()) {
                flows += sw.table().flows().size();
                groups += sw.table().groups().size();
            }
            log.info(
                    "Routes toward {} hosts converged in {} s: {} flows, {} groups",
                    hosts.size(),
                    converge,
                    flows,
                    groups);

            CpuClock idle = CpuClock.start();
            Thread.sleep(2_000);
            double idleCores = idle.weftCpuSeconds() / idle.wallSeconds();

            List<Pass> passes = new ArrayList<>();
            for (int i = 0; i < opt.passes(); i++) {
                Pass p = fullPass(weft, fabric, tallies);
                log.info(
                        "Full pass {}: {} s, {} changes, Weft CPU {} s",
                        i + 1,
                        p.seconds(),
                        p.changes(),
                        p.weftCpuSeconds());
                passes.add(p);
            }
            List<Repair> repairs = new ArrayList<>();
            repairs.add(repair(weft, fabric, tallies, false));
            repairs.add(repair(weft, fabric, tallies, true));
            return new Result(
                    opt,
                    fabric.switches().size(),
                    weft.core().topologyService().currentSnapshot().links().size(),
                    hosts.size(),
                    flows,
                    groups,
                    connect,
                    converge,
                    idleCores,
                    passes,
                    repairs);
        }
    }

    /** Asks for a pass of every switch at once and waits for all of them. */
    private Pass fullPass(Weft weft, EmulatedFabric fabric, Map<EmulatedSwitch, WireTally> tallies)
            throws Exception {
        tallies.values().forEach(ReconcileRun::reset);
        ReconcileStats before = weft.reconciler().stats();
        CpuClock cpu = CpuClock.start();
        long t0 = System.nanoTime();
        List<CompletableFuture<PassReport>> all = new ArrayList<>();
        for (EmulatedSwitch sw : fabric.switches()) {
            all.add(weft.reconciler().reconcile(sw.dpid()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .get(opt.limit().toMillis(), TimeUnit.MILLISECONDS);
        double took = seconds(t0);
        double weftCpu = cpu.weftCpuSeconds();
        double processCpu = cpu.processCpuSeconds();
        Map<String, Double> byThread = cpu.weftCpuByFamily();
        ReconcileStats after = weft.reconciler().stats();
        double[] perSwitch = new double[all.size()];
        long changes = 0;
        long failed = 0;
        for (int i = 0; i < all.size(); i++) {
            PassReport r = all.get(i).join();
            perSwitch[i] = r.durationNanos() / 1e6;
            changes += r.changes();
            failed += r.failed();
            if (r.error() != null) {
                throw new IllegalStateException("pass of " + r.dpid() + " failed: " + r.error());
            }
        }
        Arrays.sort(perSwitch);
        return new Pass(
                took,
                perSwitch,
                changes,
                failed,
                weftCpu,
                processCpu,
                byThread,
                after.passes() - before.passes() - all.size(),
                wire(tallies.values()));
    }

    /**
     * Deletes every flow and group of {@code repairSwitches} switches spread over the fabric (as
     * {@code ovs-ofctl del-flows} and {@code del-groups} would), then waits until each holds again
     * exactly what it held: left to the periodic passes, or by asking for a full pass at once.
     */
    private Repair repair(
            Weft weft,
            EmulatedFabric fabric,
            Map<EmulatedSwitch, WireTally> tallies,
            boolean fullPass)
            throws Exception {
        List<EmulatedSwitch> sorted = new ArrayList<>(fabric.switches());
        sorted.sort(Comparator.comparing(EmulatedSwitch::dpid));
        int n = Math.min(opt.repairSwitches(), sorted.size());
        int offset = fullPass ? 1 : 0; // not the same switches twice
        List<EmulatedSwitch> damaged = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            damaged.add(sorted.get((i * sorted.size() / n + offset) % sorted.size()));
        }
        Map<EmulatedSwitch, Set<Object>> held = new HashMap<>();
        for (EmulatedSwitch sw : damaged) {
            held.put(sw, entries(sw));
        }
        tallies.values().forEach(ReconcileRun::reset);
        CpuClock cpu = CpuClock.start();
        long t0 = System.nanoTime();
        int deleted = 0;
        for (EmulatedSwitch sw : damaged) {
            deleted += sw.table().removeMatching(r -> true);
            for (Group g : sw.table().groups()) {
                deleted += sw.table().removeGroup(g.groupId()) ? 1 : 0;
            }
        }
        CompletableFuture<?> pass = CompletableFuture.completedFuture(null);
        if (fullPass) {
            List<CompletableFuture<PassReport>> all = new ArrayList<>();
            for (EmulatedSwitch sw : fabric.switches()) {
                all.add(weft.reconciler().reconcile(sw.dpid()));
            }
            pass = CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
        }
        Map<EmulatedSwitch, Long> repairedAt = new HashMap<>();
        long deadline = t0 + opt.limit().toNanos();
        while (repairedAt.size() < damaged.size() && System.nanoTime() < deadline) {
            for (EmulatedSwitch sw : damaged) {
                if (!repairedAt.containsKey(sw) && entries(sw).equals(held.get(sw))) {
                    repairedAt.put(sw, (System.nanoTime() - t0) / 1_000_000);
                }
            }
            Thread.sleep(COMPARE_MILLIS);
        }
        pass.get(opt.limit().toMillis(), TimeUnit.MILLISECONDS);
        double took = seconds(t0);
        long[] millis = new long[damaged.size()];
        for (int i = 0; i < damaged.size(); i++) {
            millis[i] = repairedAt.getOrDefault(damaged.get(i), -1L);
        }
        Arrays.sort(millis);
        Repair r =
                new Repair(
                        fullPass ? "a full pass" : "periodic passes",
                        damaged.size(),
                        deleted,
                        millis,
                        took,
                        cpu.weftCpuSeconds(),
                        wire(tallies.values()));
        log.info(
                "Repair by {}: {} of {} switches back, last after {} ms",
                r.how(),
                repairedAt.size(),
                damaged.size(),
                millis[millis.length - 1]);
        return r;
    }

    /** A switch's flows and groups, comparable as a whole. */
    private static Set<Object> entries(EmulatedSwitch sw) {
        Set<Object> out = new HashSet<>();
        for (FlowRule r : sw.table().flows()) {
            out.add(r);
        }
        out.addAll(sw.table().groups());
        return out;
    }

    private static void reset(WireTally t) {
        t.fromController.reset();
        t.toController.reset();
    }

    private static Wire wire(Iterable<WireTally> tallies) {
        long[] w = new long[13];
        for (WireTally t : tallies) {
            WireTally.Direction in = t.fromController;
            WireTally.Direction out = t.toController;
            w[0] += in.mpMessages.get(WireTally.MP_FLOW);
            w[1] += in.mpBytes.get(WireTally.MP_FLOW);
            w[2] += out.mpMessages.get(WireTally.MP_FLOW);
            w[3] += out.mpBytes.get(WireTally.MP_FLOW);
            w[4] += in.mpMessages.get(WireTally.MP_GROUP_DESC);
            w[5] += in.mpBytes.get(WireTally.MP_GROUP_DESC);
            w[6] += out.mpMessages.get(WireTally.MP_GROUP_DESC);
            w[7] += out.mpBytes.get(WireTally.MP_GROUP_DESC);
            w[8] += in.messages.get(WireTally.FLOW_MOD);
            w[9] += in.messages.get(WireTally.GROUP_MOD);
            w[10] += in.messages.get(WireTally.BARRIER_REQUEST);
            w[11] += in.totalBytes();
            w[12] += out.totalBytes();
        }
        return new Wire(
                w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7], w[8], w[9], w[10], w[11], w[12]);
    }

    /**
     * CPU time since a start: of the process, and of Weft's own threads (named {@code weft-*}, the
     * emulator's {@code weft-emulator-*} and {@code weft-fabric} excepted), by thread family.
     */
    private static final class CpuClock {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        private final long startWall = System.nanoTime();
        private final long startProcess = processCpu();
        private final Map<Long, Long> startThreads = weftThreads();

        static CpuClock start() {
            return new CpuClock();
        }

        double wallSeconds() {
            return (System.nanoTime() - startWall) / 1e9;
        }

        double processCpuSeconds() {
            return (processCpu() - startProcess) / 1e9;
        }

        double weftCpuSeconds() {
            return weftCpuByFamily().values().stream().mapToDouble(Double::doubleValue).sum();
        }

        /** Per family: the thread name without its trailing number ({@code weft-of-io}). */
        Map<String, Double> weftCpuByFamily() {
            Map<String, Double> out = new TreeMap<>();
            Map<Long, Long> now = weftThreads();
            for (ThreadInfo info : THREADS.getThreadInfo(toArray(now.keySet()))) {
                if (info == null) {
                    continue;
                }
                long used =
                        now.get(info.getThreadId())
                                - startThreads.getOrDefault(info.getThreadId(), 0L);
                String family = info.getThreadName().replaceAll("[-0-9]+$", "");
                out.merge(family, used / 1e9, Double::sum);
            }
            return out;
        }

        private static long[] toArray(Set<Long> ids) {
            return ids.stream().mapToLong(Long::longValue).toArray();
        }

        private static Map<Long, Long> weftThreads() {
            Map<Long, Long> out = new HashMap<>();
            for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
                if (info == null) {
                    continue;
                }
                String name = info.getThreadName();
                if (name.startsWith("weft-")
                        && !name.startsWith("weft-emulator")
                        && !name.startsWith("weft-fabric")) {
                    long cpu = THREADS.getThreadCpuTime(info.getThreadId());
                    if (cpu >= 0) {
                        out.put(info.getThreadId(), cpu);
                    }
                }
            }
            return out;
        }

        private static long processCpu() {
            return ((com.sun.management.OperatingSystemMXBean)
                            ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }
    }

    private void check(boolean reached, String what) throws TimeoutException {
        if (!reached) {
            throw new TimeoutException(what + ": not within " + opt.limit());
        }
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Could not delete the temporary data directory {}", dir, e);
        }
    }
}
