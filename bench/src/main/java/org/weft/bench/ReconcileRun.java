package org.weft.bench;

import java.io.IOException;
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

    private final Options opt;

    ReconcileRun(Options opt) {
        this.opt = opt;
    }

    ReconcileResult run() throws Exception {
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

    private ReconcileResult run(Path dataDir) throws Exception {
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
            check(bed.awaitConverged(bed.deadline()).isPresent(), "routes converged");
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

            WeftCpuClock idle = WeftCpuClock.start();
            Thread.sleep(2_000);
            double idleCores = idle.weftCpuSeconds() / idle.wallSeconds();

            List<ReconcileResult.Pass> passes = new ArrayList<>();
            for (int i = 0; i < opt.passes(); i++) {
                ReconcileResult.Pass p = fullPass(weft, fabric, tallies);
                log.info(
                        "Full pass {}: {} s, {} changes, Weft CPU {} s",
                        i + 1,
                        p.seconds(),
                        p.changes(),
                        p.weftCpuSeconds());
                passes.add(p);
            }
            List<ReconcileResult.Repair> repairs = new ArrayList<>();
            repairs.add(repair(weft, fabric, tallies, false));
            repairs.add(repair(weft, fabric, tallies, true));
            return new ReconcileResult(
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
    private ReconcileResult.Pass fullPass(
            Weft weft, EmulatedFabric fabric, Map<EmulatedSwitch, WireTally> tallies)
            throws Exception {
        tallies.values().forEach(ReconcileRun::reset);
        ReconcileStats before = weft.reconciler().stats();
        WeftCpuClock cpu = WeftCpuClock.start();
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
        return new ReconcileResult.Pass(
                took,
                perSwitch,
                changes,
                failed,
                weftCpu,
                processCpu,
                byThread,
                after.passes() - before.passes() - all.size(),
                ReconcileResult.Wire.sum(tallies.values()));
    }

    /**
     * Deletes every flow and group of {@code repairSwitches} switches spread over the fabric (as
     * {@code ovs-ofctl del-flows} and {@code del-groups} would), then waits until each holds again
     * exactly what it held: left to the periodic passes, or by asking for a full pass at once.
     */
    private ReconcileResult.Repair repair(
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
        WeftCpuClock cpu = WeftCpuClock.start();
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
        ReconcileResult.Repair r =
                new ReconcileResult.Repair(
                        fullPass ? "a full pass" : "periodic passes",
                        damaged.size(),
                        deleted,
                        millis,
                        took,
                        cpu.weftCpuSeconds(),
                        ReconcileResult.Wire.sum(tallies.values()));
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
