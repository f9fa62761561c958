package org.weft.bench;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code weft-bench failover}: failover reaction time on an emulated fat tree, in-process. */
@Command(
        name = "failover",
        mixinStandardHelpOptions = true,
        description =
                "Cut cables on active paths of an emulated k-ary fat tree connected to an"
                        + " in-process Weft; time each re-route (cut to event, Weft's reaction,"
                        + " detection to last barrier) and check nothing points into the cut"
                        + " ports.")
final class FailoverCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--fat-tree",
            paramLabel = "K",
            defaultValue = "28",
            description = "Fat-tree arity: 5k^2/4 switches (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(
            names = "--hosts-per-edge",
            paramLabel = "N",
            defaultValue = "1",
            description = "Hosts on free ports of every edge switch (default: ${DEFAULT-VALUE}).")
    int hostsPerEdge;

    @Option(
            names = "--cuts",
            paramLabel = "C",
            defaultValue = "10",
            description = "Cables cut one after the other (default: ${DEFAULT-VALUE}).")
    int cuts;

    @Option(
            names = "--protection",
            negatable = true,
            arity = "0..1",
            fallbackValue = "true",
            defaultValue = "true",
            description =
                    "routing.protection: pre-installed fast-failover groups (default:"
                            + " ${DEFAULT-VALUE}).")
    boolean protection;

    @Option(
            names = "--hold-down-ms",
            defaultValue = "300",
            description = "routing.recoveryHoldDownMs (default: ${DEFAULT-VALUE}).")
    long holdDownMs;

    @Option(
            names = "--lldp-interval-ms",
            defaultValue = "1000",
            description = "topology.lldpIntervalMs, Weft's default (default: ${DEFAULT-VALUE}).")
    long lldpIntervalMs;

    @Option(
            names = "--hosts-during-passes",
            description =
                    "Announce the hosts as soon as every link is known, while the reconciler may"
                            + " still be running its passes on connect (by default the run waits"
                            + " for them, so the routes' figure is the routes' own).")
    boolean hostsDuringPasses;

    @Option(
            names = "--limit-s",
            defaultValue = "300",
            description =
                    "Longest any single wait may take: connection, discovery, convergence, one"
                            + " cut's re-route (default: ${DEFAULT-VALUE}).")
    long limitSeconds;

    @Override
    public Integer call() throws Exception {
        if (k < 4 || k % 2 != 0 || cuts < 1 || hostsPerEdge < 1 || hostsPerEdge > k / 2) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "need an even K >= 4, C >= 1 and 1 <= N <= K/2");
        }
        FailoverRun.Options opt =
                new FailoverRun.Options(
                        k,
                        hostsPerEdge,
                        cuts,
                        protection,
                        holdDownMs,
                        lldpIntervalMs,
                        hostsDuringPasses,
                        Duration.ofSeconds(limitSeconds));
        FailoverResult r = new FailoverRun(opt).run();
        new Report(System.out).failover(r);
        return r.allOk() ? 0 : 1;
    }
}
