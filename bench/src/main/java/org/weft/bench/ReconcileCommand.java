package org.weft.bench;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code weft-bench reconcile}: the reconciler's cost on an emulated fat tree, in-process. */
@Command(
        name = "reconcile",
        mixinStandardHelpOptions = true,
        description =
                "Connect an emulated k-ary fat tree to an in-process Weft, install routes, then time"
                        + " full reconcile passes over every switch (Weft's CPU, stats traffic per"
                        + " switch) and the repair of switches whose entries were deleted behind"
                        + " Weft's back.")
final class ReconcileCommand implements Callable<Integer> {

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
            names = "--passes",
            paramLabel = "P",
            defaultValue = "3",
            description = "Full passes measured (default: ${DEFAULT-VALUE}).")
    int passes;

    @Option(
            names = "--repair-switches",
            paramLabel = "N",
            defaultValue = "20",
            description =
                    "Switches whose every entry is deleted for each repair run (default:"
                            + " ${DEFAULT-VALUE}).")
    int repairSwitches;

    @Option(
            names = "--interval-s",
            defaultValue = "30",
            description = "reconcile.intervalS, Weft's default (default: ${DEFAULT-VALUE}).")
    double intervalS;

    @Option(
            names = "--max-in-flight",
            defaultValue = "16",
            description =
                    "reconcile.maxPassesInFlight, Weft's default (default: ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(
            names = "--lldp-interval-ms",
            defaultValue = "1000",
            description =
                    "topology.lldpIntervalMs, Weft's default (default: ${DEFAULT-VALUE}; at k=28"
                            + " use 5000: probes every second for 21,952 links and the emulator"
                            + " saturate two cores).")
    long lldpIntervalMs;

    @Option(
            names = "--limit-s",
            defaultValue = "300",
            description =
                    "Longest any single wait may take: connection, discovery, convergence, a pass,"
                            + " a repair (default: ${DEFAULT-VALUE}).")
    long limitSeconds;

    @Override
    public Integer call() throws Exception {
        if (k < 4 || k % 2 != 0 || passes < 1 || repairSwitches < 1 || intervalS < 0.1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "need an even K >= 4, P >= 1, N >= 1 and an interval of at least 0.1 s");
        }
        ReconcileResult r =
                new ReconcileRun(
                                new ReconcileRun.Options(
                                        k,
                                        hostsPerEdge,
                                        passes,
                                        repairSwitches,
                                        intervalS,
                                        maxInFlight,
                                        lldpIntervalMs,
                                        Duration.ofSeconds(limitSeconds)))
                        .run();
        new ReconcileReport(System.out).print(r);
        boolean clean =
                r.passes().stream().allMatch(p -> p.failed() == 0)
                        && r.repairs().stream().allMatch(ReconcileResult.Repair::allRepaired);
        return clean ? 0 : 1;
    }
}
