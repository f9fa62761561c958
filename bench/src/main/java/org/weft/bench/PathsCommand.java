package org.weft.bench;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code weft-bench paths}: path planning times over a synthetic fat-tree snapshot. */
@Command(
        name = "paths",
        mixinStandardHelpOptions = true,
        description =
                "Build a k-ary fat tree as a topology snapshot in this JVM (no switches) and"
                        + " report ms/op of shortest path, equal-cost next hops and paths, k"
                        + " shortest paths, and of building the weighted view once.")
final class PathsCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--fat-tree",
            defaultValue = "16",
            description = "k of the fat tree: 5k^2/4 switches (default: ${DEFAULT-VALUE}).")
    int fatTreeK;

    @Option(
            names = "--warmup-ms",
            defaultValue = "2000",
            description = "Warm-up per operation (default: ${DEFAULT-VALUE}).")
    long warmupMillis;

    @Option(
            names = "--measure-ms",
            defaultValue = "3000",
            description = "Measured time per operation (default: ${DEFAULT-VALUE}).")
    long measureMillis;

    @Override
    public Integer call() {
        PathsRun.Result r = new PathsRun(fatTreeK, warmupMillis, measureMillis).run();
        PrintWriter out = spec.commandLine().getOut();
        print(r, out);
        out.flush();
        return r.timings().isEmpty() ? 1 : 0;
    }

    static void print(PathsRun.Result r, PrintWriter out) {
        out.printf(
                "paths: fat tree k=%d, %d switches, %d directed links%n",
                r.k(), r.switches(), r.links());
        for (PathsRun.Timing t : r.timings()) {
            out.printf("  %-58s %10.4f ms/op  (%d calls)%n", t.name(), t.msPerOp(), t.calls());
        }
    }
}
