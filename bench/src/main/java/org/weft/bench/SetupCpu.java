package org.weft.bench;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Whose CPU installing the routes took: from the hosts' announcement to converged routes, the
 * process's CPU split into Weft's threads (by family), the emulated switches' threads and the rest
 * (the JVM's garbage collector and JIT compilers, the bench's own checks), so a reader sees whose
 * core was the limit.
 *
 * @param wallSeconds the window's wall time
 * @param processSeconds the process's CPU over the window (every thread)
 * @param weftByFamily Weft's threads' CPU, by family ({@code weft-of-io}, {@code weft-routing}...)
 * @param emulatorSeconds the emulated switches' threads' CPU
 */
record SetupCpu(
        double wallSeconds,
        double processSeconds,
        Map<String, Double> weftByFamily,
        double emulatorSeconds) {

    SetupCpu {
        weftByFamily = Map.copyOf(weftByFamily);
    }

    /** Measures from now; {@link Clock#stop} gives the figures. */
    static Clock start() {
        return new Clock(WeftCpuClock.start(), ThreadCpu.named("weft-emulator"));
    }

    /** A running measurement. */
    record Clock(WeftCpuClock weft, ThreadCpu emulator) {
        SetupCpu stop() {
            return new SetupCpu(
                    weft.wallSeconds(),
                    weft.processCpuSeconds(),
                    weft.weftCpuByFamily(),
                    emulator.seconds());
        }
    }

    double weftSeconds() {
        return weftByFamily.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** What neither Weft's threads nor the emulator's used: GC, JIT, the bench itself. */
    double restSeconds() {
        return Math.max(0, processSeconds - weftSeconds() - emulatorSeconds);
    }

    /** One line: the totals, then Weft's busiest families. */
    String describe() {
        String families =
                weftByFamily.entrySet().stream()
                        .filter(e -> e.getValue() >= 0.05)
                        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                        .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
                        .collect(Collectors.joining(", "));
        return String.format(
                Locale.ROOT,
                "process %.1f s of CPU in %.1f s: Weft %.1f s (%s), emulated switches %.1f s, rest"
                        + " (GC, JIT compilers, the bench's checks) %.1f s",
                processSeconds,
                wallSeconds,
                weftSeconds(),
                families,
                emulatorSeconds,
                restSeconds());
    }
}
