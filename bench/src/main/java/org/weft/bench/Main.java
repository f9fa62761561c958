package org.weft.bench;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.weft.openflow.emulator.OpenFlowVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code java -jar weft-bench.jar
 * throughput|latency|flows|scale|failover|flood|reconcile|paths|cluster [options]}: a cbench-style
 * load generator. The report goes to stdout, logs to stderr.
 */
@Command(
        name = "weft-bench",
        mixinStandardHelpOptions = true,
        version = "weft-bench 0.1.0",
        description = "cbench-style OpenFlow load generator built on Weft's switch emulator.",
        subcommands = {
            Main.Throughput.class,
            Main.Latency.class,
            Main.Flows.class,
            Main.Scale.class,
            FailoverCommand.class,
            FloodCommand.class,
            ReconcileCommand.class,
            PathsCommand.class,
            ClusterCommand.class
        })
public final class Main implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 2;
    }

    /** Packet-in throughput: a window of packet-ins per switch kept full. */
    @Command(
            name = "throughput",
            mixinStandardHelpOptions = true,
            description = "Flow-mods (and packet-outs) per second with a full window per switch.")
    static final class Throughput implements Callable<Integer> {
        @Mixin LoadOptions opt;

        @Option(
                names = "--window",
                defaultValue = "16",
                description = "Packet-ins outstanding per switch (default: ${DEFAULT-VALUE}).")
        int window;

        @Override
        public Integer call() throws Exception {
            LoadResult r = new LoadRun(opt, window, false).run();
            new Report(System.out).load(opt, window, r);
            return r.meanFlowModsPerSecond() > 0 ? 0 : 1;
        }
    }

    /** Packet-in latency: one packet-in outstanding per switch. */
    @Command(
            name = "latency",
            mixinStandardHelpOptions = true,
            description = "Packet-in to answer latency with one packet-in outstanding per switch.")
    static final class Latency implements Callable<Integer> {
        @Mixin LoadOptions opt;

        @Override
        public Integer call() throws Exception {
            LoadResult r = new LoadRun(opt, 1, true).run();
            new Report(System.out).load(opt, 1, r);
            return r.latencyNanos().getTotalCount() > 0 ? 0 : 1;
        }
    }

    /** Barrier-confirmed flow installation through Weft's driver, in-process. */
    @Command(
            name = "flows",
            mixinStandardHelpOptions = true,
            description =
                    "Push rules through Weft's FlowRuleService (in-process driver) and count"
                            + " barrier-confirmed flow-mods per second.")
    static final class Flows implements Callable<Integer> {
        @Option(
                names = {"-s", "--switches"},
                defaultValue = "16")
        int switches;

        @Option(
                names = {"-k", "--rules"},
                defaultValue = "1000000",
                description = "Rules to confirm, measured (default: ${DEFAULT-VALUE}).")
        int rules;

        @Option(names = "--batch", defaultValue = "100", description = "Rules per barrier.")
        int batch;

        @Option(names = "--in-flight", defaultValue = "8", description = "Batches per switch.")
        int inFlight;

        @Option(names = "--of13", description = "OpenFlow 1.3 switches (default 1.0).")
        boolean of13;

        @Option(
                names = "--warmup",
                defaultValue = "100000",
                description =
                        "Rules pushed and confirmed before measuring, so the JIT compiled the path"
                                + " (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Option(
                names = "--table-size",
                defaultValue = "0",
                description =
                        "Distinct matches per switch, 0 = every rule distinct; beyond it an ADD"
                                + " replaces an identical entry (bounds the emulator's tables).")
        int tableSize;

        @Option(
                names = "--one-by-one",
                description =
                        "One FlowRuleService.apply() call per batch, instead of bursts: every batch"
                                + " the in-flight windows have room for in one applyAll() call.")
        boolean oneByOne;

        @Option(names = "--limit-s", defaultValue = "120", description = "Give up after this.")
        long limitSeconds;

        @Override
        public Integer call() throws Exception {
            FlowInstallResult r =
                    new FlowInstallRun(
                                    switches,
                                    rules,
                                    batch,
                                    inFlight,
                                    of13 ? OpenFlowVersion.OF_13 : OpenFlowVersion.OF_10,
                                    Duration.ofSeconds(limitSeconds))
                            .withWarmup(warmup)
                            .withTableSize(tableSize)
                            .withOneByOne(oneByOne)
                            .run();
            System.out.println(
                    "flows path: "
                            + (oneByOne ? "one apply() per batch" : "bursts through applyAll()"));
            new Report(System.out).flows(switches, r);
            return r.rules() > 0 ? 0 : 1;
        }
    }

    /** Many switches against an in-process Weft: connect time, discovery time, heap. */
    @Command(
            name = "scale",
            mixinStandardHelpOptions = true,
            description =
                    "Connect a ring of emulated switches to an in-process Weft; time connection"
                            + " and link discovery, report the heap.")
    static final class Scale implements Callable<Integer> {
        @Option(
                names = {"-s", "--switches"},
                defaultValue = "1000")
        int switches;

        @Option(names = "--limit-s", defaultValue = "120", description = "Give up after this.")
        long limitSeconds;

        @Option(
                names = "--fat-tree",
                defaultValue = "0",
                description =
                        "Wire a k-ary fat tree (5k^2/4 switches) instead of a ring of --switches.")
        int fatTreeK;

        @Override
        public Integer call() throws Exception {
            ScaleRun.Result r =
                    new ScaleRun(switches, fatTreeK, Duration.ofSeconds(limitSeconds)).run();
            new Report(System.out).scale(r);
            return r.switches() > 0 ? 0 : 1;
        }
    }
}
