package org.weft.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code weft-bench cluster}: mastership of a Weft cluster on ZooKeeper, and kill -9 of members.
 */
@Command(
        name = "cluster",
        mixinStandardHelpOptions = true,
        description =
                "Start a ZooKeeper server and N Weft jars (own processes), connect a ring of emulated"
                        + " switches to all of them, and report the time until every switch has a"
                        + " master, the spread of masters, ZooKeeper writes in steady state, and the"
                        + " time to new masters after each kill -9 of an instance.")
final class ClusterCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--jar",
            defaultValue = "controller-dist/target/weft.jar",
            description = "The Weft jar (default: ${DEFAULT-VALUE}).")
    Path jar;

    @Option(
            names = "--instances",
            defaultValue = "3",
            description = "Weft instances (default: ${DEFAULT-VALUE}).")
    int instances;

    @Option(
            names = {"-s", "--switches"},
            defaultValue = "300",
            description = "Emulated switches in a ring (default: ${DEFAULT-VALUE}).")
    int switches;

    @Option(
            names = "--session-timeout-ms",
            defaultValue = "3000",
            description = "cluster.sessionTimeoutMs (default: ${DEFAULT-VALUE}).")
    int sessionTimeoutMs;

    @Option(
            names = "--settle-s",
            defaultValue = "40",
            description =
                    "Wait after every switch is mastered before the steady-state window: links"
                            + " appear and their first latency samples are corrected (default:"
                            + " ${DEFAULT-VALUE}).")
    int settleSeconds;

    @Option(
            names = "--steady-s",
            defaultValue = "30",
            description = "Steady-state window for ZooKeeper writes (default: ${DEFAULT-VALUE}).")
    int steadySeconds;

    @Option(
            names = "--kills",
            defaultValue = "3",
            description =
                    "kill -9 rounds, one instance after the other (default: ${DEFAULT-VALUE}).")
    int kills;

    @Option(
            names = "--limit-s",
            defaultValue = "180",
            description = "Longest any single wait may take (default: ${DEFAULT-VALUE}).")
    long limitSeconds;

    @Override
    public Integer call() throws Exception {
        if (instances < 2 || switches < 3 || kills < 0 || steadySeconds < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "need 2+ instances, 3+ switches, 0+ kills, 1+ s steady");
        }
        if (!Files.isRegularFile(jar)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "no Weft jar at " + jar + " (mvn -B package -DskipTests)");
        }
        Path out =
                Path.of(
                        "bench/target/cluster-"
                                + LocalDateTime.now()
                                        .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(out);
        ClusterRun.Result r =
                new ClusterRun(
                                new ClusterRun.Options(
                                        jar.toAbsolutePath(),
                                        instances,
                                        switches,
                                        sessionTimeoutMs,
                                        Duration.ofSeconds(settleSeconds),
                                        Duration.ofSeconds(steadySeconds),
                                        kills,
                                        Duration.ofSeconds(limitSeconds),
                                        out.toAbsolutePath()))
                        .run();
        PrintWriter w = spec.commandLine().getOut();
        print(r, w);
        w.printf("logs: %s%n", out);
        w.flush();
        return r.kills().stream().allMatch(k -> k.switchSideMillis() >= 0 && k.viewMillis() >= 0)
                ? 0
                : 1;
    }

    static void print(ClusterRun.Result r, PrintWriter out) {
        ClusterRun.Options o = r.options();
        out.printf(
                "cluster: %d instances, %d emulated switches (ring), sessionTimeoutMs %d%n",
                o.instances(), o.switches(), o.sessionTimeoutMs());
        out.printf("  connected to all instances   %8.2f s%n", r.connectSeconds());
        out.printf(
                "  every switch mastered       %8.2f s after the first connect; spread %s%n",
                r.masteredSeconds(), r.spread());
        out.printf(
                "  ZooKeeper writes, steady    %8d in %.1f s (%.2f/s), from %d s after mastered%n",
                r.steadyWrites(),
                r.steadySeconds(),
                r.steadyWrites() / r.steadySeconds(),
                o.settle().toSeconds());
        for (ClusterRun.Kill k : r.kills()) {
            out.printf(
                    "  kill -9 %s (%d switches): all re-mastered on the switches after %d ms,"
                            + " cluster view after %d ms; after its restart %s%n",
                    k.victim(),
                    k.switchesMoved(),
                    k.switchSideMillis(),
                    k.viewMillis(),
                    k.rejoinSpread());
        }
        out.printf(
                "RESULT mode=cluster instances=%d switches=%d mastered_s=%.2f steady_writes_per_s=%.3f"
                        + " remaster_ms=%s%n",
                o.instances(),
                o.switches(),
                r.masteredSeconds(),
                r.steadyWrites() / r.steadySeconds(),
                r.kills().stream().map(k -> Long.toString(k.switchSideMillis())).toList());
    }
}
