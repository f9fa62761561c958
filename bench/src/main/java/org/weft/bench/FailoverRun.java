package org.weft.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.dist.Weft;
import org.weft.dist.WeftConfig;
import org.weft.openflow.emulator.EmulatedFabric;
import org.weft.openflow.emulator.FabricBuilder;

/**
 * Failover reaction on an emulated k-ary fat tree against an in-process Weft: connect, discover,
 * attach and announce hosts, wait until the switches hold the routing intent, then cut cables on
 * active paths one at a time (see {@link CutStep}) and measure how Weft re-routes.
 */
final class FailoverRun {

    private static final Logger log = LoggerFactory.getLogger(FailoverRun.class);

    /** Idle window measured before the cuts: the background load (LLDP probes, echoes). */
    private static final long IDLE_MILLIS = 2_000;

    /**
     * @param k fat-tree arity (5k^2/4 switches)
     * @param hostsPerEdge hosts on the free ports of every edge switch
     * @param cuts cables cut one after the other
     * @param protection routing.protection: pre-installed fast-failover groups
     * @param holdDownMs routing.recoveryHoldDownMs
     * @param lldpIntervalMs topology.lldpIntervalMs
     * @param limit the longest any single wait (connection, discovery, one cut's re-route...) takes
     */
    record Options(
            int k,
            int hostsPerEdge,
            int cuts,
            boolean protection,
            long holdDownMs,
            long lldpIntervalMs,
            boolean hostsDuringPasses,
            Duration limit) {}

    private final Options opt;

    FailoverRun(Options opt) {
        this.opt = opt;
    }

    FailoverResult run() throws Exception {
        Path dataDir = Files.createTempDirectory("weft-bench-failover");
        try {
            return run(dataDir);
        } finally {
            try {
                deleteTree(dataDir);
            } catch (IOException e) {
                log.warn("Could not delete the temporary data directory {}", dataDir, e);
            }
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
        cfg.topology.lldpIntervalMs = opt.lldpIntervalMs();
        cfg.routing.protection = opt.protection();
        cfg.routing.recoveryHoldDownMs = opt.holdDownMs();
        // Each host announces itself once: with the default idle timeout (5 minutes) a run that
        // takes longer (a slow or busy machine) forgets every host and waits for routes forever.
        cfg.hosts.idleTimeoutS = 24 * 3600;
        return cfg;
    }

    private FailoverResult run(Path dataDir) throws Exception {
        FailoverWatch watch = new FailoverWatch();
        // Weft closes first, so the switches going away cause no failover work at the end.
        // Weft without the caller's environment: a WEFT_API_TOKEN there must not change the run.
        try (EmulatedFabric fabric = FabricBuilder.fatTree(opt.k()).build();
                Weft weft = Weft.start(config(dataDir), name -> null)) {
            return measure(fabric, weft, watch);
        }
    }

    private FailoverResult measure(EmulatedFabric fabric, Weft weft, FailoverWatch watch)
            throws Exception {
        weft.failover().addListener(watch);
        weft.core().topologyService().addListener(watch.topologyListener);
        List<EdgeHost> hosts = EdgeHost.onFreePorts(fabric, opt.hostsPerEdge());
        check(hosts.size() >= 2, "at least two hosts on free ports");
        FailoverBed bed =
                new FailoverBed(
                        weft,
                        fabric,
                        watch,
                        2 * fabric.cables().size(),
                        hosts.size(),
                        Math.max(1_000, 3 * opt.holdDownMs()),
                        opt.limit());
        long t0 = System.nanoTime();
        fabric.connect("127.0.0.1", weft.openflowPorts().get(0), opt.limit());
        double connect = seconds(t0);
        log.info("{} switches connected in {} s", fabric.switches().size(), connect);
        long t1 = System.nanoTime();
        check(bed.awaitLinks(bed.deadline()), bed.links() + " links discovered");
        double discovery = seconds(t1);
        log.info("{} links discovered in {} s", bed.links(), discovery);
        double passes = -1;
        int pendingAtHosts = bed.passesPending();
        if (!opt.hostsDuringPasses()) {
            long tp = System.nanoTime();
            check(bed.awaitConnectPasses(bed.deadline()), "connect passes done");
            passes = seconds(tp);
            pendingAtHosts = bed.passesPending();
            log.info("The reconciler's connect passes done {} s after discovery", passes);
        } else {
            log.info(
                    "Hosts announced while {} reconcile passes are queued or running",
                    pendingAtHosts);
        }

        long t2 = System.nanoTime();
        ThreadCpu routing = ThreadCpu.named("weft-routing");
        SetupCpu.Clock setupClock = SetupCpu.start();
        long changesBefore = weft.routing().changesIssued();
        check(bed.announce(hosts, bed.deadline()), hosts.size() + " hosts learned");
        double learned = seconds(t2);
        log.info("{} hosts learned in {} s", hosts.size(), learned);
        long t3 = System.nanoTime();
        OptionalLong convergedAt = bed.awaitConverged(bed.deadline());
        double setupRoutingCpu = routing.seconds();
        SetupCpu setupCpu = setupClock.stop();
        check(convergedAt.isPresent(), "routes converged");
        double converge = (convergedAt.getAsLong() - t3) / 1e9;
        log.info(
                "Routes converged {} s after the last host was learned ({} routing changes handed"
                        + " to the switches' writers)",
                converge,
                weft.routing().changesIssued() - changesBefore);
        log.info("CPU from the hosts' announcement to converged routes: {}", setupCpu.describe());
        check(bed.awaitSettled(bed.deadline()), "routes settled");
        double settled = seconds(t3);
        log.info("Settled {} s after the last host was learned", settled);

        CpuMeter idle = CpuMeter.start();
        Thread.sleep(IDLE_MILLIS);
        double idleCores = idle.cpuSeconds() / idle.wallSeconds();

        CpuMeter cpu = CpuMeter.start();
        CutStep step = new CutStep(bed, hosts);
        List<FailoverResult.Cut> cuts = new ArrayList<>();
        for (int i = 0; i < opt.cuts(); i++) {
            FailoverResult.Cut c = step.run(i, opt.cuts());
            log.info("Cut {}: {}", i + 1, c);
            cuts.add(c);
        }
        return new FailoverResult(
                opt.k(),
                fabric.switches().size(),
                weft.core().topologyService().currentSnapshot().links().size(),
                hosts.size(),
                opt.protection(),
                opt.holdDownMs(),
                connect,
                discovery,
                passes,
                pendingAtHosts,
                learned,
                converge,
                settled,
                setupRoutingCpu,
                setupCpu,
                idleCores,
                cpu.cpuSeconds(),
                cpu.wallSeconds(),
                cuts);
    }

    private void check(boolean reached, String what) throws TimeoutException {
        if (!reached) {
            throw new TimeoutException(what + ": not within " + opt.limit());
        }
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
