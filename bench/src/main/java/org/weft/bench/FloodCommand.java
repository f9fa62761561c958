package org.weft.bench;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code weft-bench flood}: overload a controller with packet-ins from the first moment. */
@Command(
        name = "flood",
        mixinStandardHelpOptions = true,
        description =
                "cbench's worst habit: N OpenFlow 1.0 switches flood the controller with packet-ins"
                        + " from the moment each has sent its FEATURES_REPLY, keeping their send"
                        + " buffers full, with no warm-up. Reports answers/s, packet-ins/s, the"
                        + " controller's drops, per-switch spread, handshake times, disconnects"
                        + " and the controller's heap and threads. Exit code 1 when a switch was"
                        + " disconnected, finished no handshake within the limit or got no"
                        + " answer.")
final class FloodCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin FloodOptions opt;

    @Option(
            names = "--handshake-limit-ms",
            defaultValue = "1000",
            description =
                    "A handshake (connection to first flow-mod or packet-out) longer than this is a"
                            + " problem (default: ${DEFAULT-VALUE}).")
    double handshakeLimitMs;

    @Override
    public Integer call() throws Exception {
        if (opt.switches < 1
                || opt.hosts < 2
                || opt.hosts > 100_000
                || opt.ports < 1
                || opt.seconds < 1
                || opt.warmup < 0
                || opt.warmup >= opt.seconds
                || opt.queueKib < 1
                || opt.sndbufKib < 0
                || opt.ioThreads < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "need switches >= 1, 2 <= hosts <= 100000, ports >= 1, seconds >= 1,"
                            + " 0 <= warmup < seconds, queue-kib >= 1, sndbuf-kib >= 0, io-threads >= 1");
        }
        FloodResult r = new FloodRun(opt).run();
        List<String> problems = r.problems(handshakeLimitMs);
        new Report(System.out).flood(opt, r, problems);
        return problems.isEmpty() ? 0 : 1;
    }
}
