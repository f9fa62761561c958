package org.weft.bench;

import java.util.Locale;

/**
 * What a flow installation run measured, with the CPU split by whose threads used it, so a report
 * can say whose core was the limit.
 *
 * @param rules rules confirmed by barriers
 * @param flowModsSeen flow-mods the emulated switches received
 * @param seconds from the first batch sent to the last barrier answered
 * @param processCpu CPU of the whole process, -1 if unknown
 * @param weftThreadsCpu CPU of Weft's own threads ({@code weft-of-io-*} and the other {@code
 *     weft-*} threads, the emulator's excepted)
 * @param callerCpu CPU the bench's submitting thread spent inside {@code FlowRuleService.apply}
 *     (translation and encoding run on the caller): Weft's work on a thread that is not Weft's
 * @param benchCpu CPU the submitting thread spent outside {@code apply}: building the rules
 * @param emulatorCpu CPU of the emulated switches' event loop threads
 * @param emulatorThreads how many threads the emulated switches share
 * @param cores processors the JVM sees
 * @param gcSeconds time the garbage collectors report spent collecting (pauses, wall time)
 * @param loadAverage the system's load average over the last minute at the end, -1 if unknown
 * @param gcCpu CPU of the garbage collector's threads, -1 if unknown
 * @param jitCpu CPU of the JIT compiler threads, -1 if unknown
 */
record FlowInstallResult(
        long rules,
        long flowModsSeen,
        double seconds,
        double processCpu,
        double weftThreadsCpu,
        double callerCpu,
        double benchCpu,
        double emulatorCpu,
        int emulatorThreads,
        int cores,
        double gcSeconds,
        double loadAverage,
        double gcCpu,
        double jitCpu) {

    /** A thread counts as saturated above this share of one core. */
    private static final double SATURATED = 0.85;

    double rulesPerSecond() {
        return seconds <= 0 ? 0 : rules / seconds;
    }

    /** Weft's CPU: its threads plus its work on the caller's thread. */
    double weftCpu() {
        return weftThreadsCpu + callerCpu;
    }

    /** What is left of the process's CPU: GC, JIT compiler and other JVM threads. */
    double otherCpu() {
        return processCpu < 0 ? -1 : Math.max(0, processCpu - weftCpu() - benchCpu - emulatorCpu);
    }

    double cores(double cpuSeconds) {
        return seconds <= 0 ? 0 : cpuSeconds / seconds;
    }

    /** Rules Weft confirms per second of its own CPU: its rate were it alone on a core. */
    double rulesPerWeftCpuSecond() {
        return weftCpu() <= 0 ? 0 : rules / weftCpu();
    }

    /** Rules the emulated switches take per second of their CPU: their rate alone on a core. */
    double rulesPerEmulatorCpuSecond() {
        return emulatorCpu <= 0 ? 0 : rules / emulatorCpu;
    }

    /**
     * Which side would bound the rate with a core each (the one with fewer rules per CPU-second),
     * whatever the machine's other jobs left this run.
     */
    String slowerSide() {
        return rulesPerEmulatorCpuSecond() < rulesPerWeftCpuSecond() ? "emulator" : "Weft";
    }

    /** {@link #slowerSide()} in words: "the emulator's core" or "Weft's core". */
    String slowerCore() {
        return "emulator".equals(slowerSide()) ? "the emulator's core" : "Weft's core";
    }

    /** Whose core (or the machine) limited the run, in words with the CPU figure. */
    String limit() {
        double emulator = cores(emulatorCpu);
        double process = cores(processCpu);
        if (emulator >= SATURATED * emulatorThreads) {
            return String.format(
                    Locale.ROOT,
                    "emulator core-bound: %.2f cores of its %d thread(s)",
                    emulator,
                    emulatorThreads);
        }
        if (cores(callerCpu) >= SATURATED) {
            return String.format(
                    Locale.ROOT,
                    "Weft's caller core-bound: apply() used %.2f cores of the submitting thread",
                    cores(callerCpu));
        }
        if (processCpu >= 0 && process >= SATURATED * cores) {
            return String.format(
                    Locale.ROOT,
                    "machine CPU-bound: the process used %.2f of %d cores (Weft %.2f, emulator"
                            + " %.2f, bench %.2f, GC/JIT/other %.2f)",
                    process,
                    cores,
                    cores(weftCpu()),
                    emulator,
                    cores(benchCpu),
                    cores(otherCpu()));
        }
        return String.format(
                Locale.ROOT,
                "no core saturated (process %.2f of %d cores%s): round trips, the in-flight window"
                        + " or other jobs on the machine",
                process,
                cores,
                loadAverage < 0
                        ? ""
                        : String.format(Locale.ROOT, ", system load average %.1f", loadAverage));
    }

    /** The goal: confirmed rules per second. */
    static final double GOAL_RULES_PER_SECOND = 1_000_000;

    /**
     * Whether the run met {@link #GOAL_RULES_PER_SECOND} and, if not, whose core was the limit,
     * with the CPU figures of the emulator and of Weft's share: the run's closing verdict.
     */
    String goal() {
        String head =
                String.format(
                        Locale.ROOT,
                        "GOAL %,.0f confirmed rules/s: %s (%,.0f rules/s).",
                        GOAL_RULES_PER_SECOND,
                        rulesPerSecond() >= GOAL_RULES_PER_SECOND ? "MET" : "NOT MET",
                        rulesPerSecond());
        String shares =
                String.format(
                        Locale.ROOT,
                        "emulator %.2f s CPU = %.2f cores (%,.0f rules per emulator CPU-second),"
                                + " Weft's share %.2f s CPU = %.2f cores (%,.0f rules per Weft"
                                + " CPU-second)",
                        emulatorCpu,
                        cores(emulatorCpu),
                        rulesPerEmulatorCpuSecond(),
                        weftCpu(),
                        cores(weftCpu()),
                        rulesPerWeftCpuSecond());
        String key = limitKey();
        String why =
                switch (key) {
                    case "emulator" -> " Limit: the emulator's core: " + shares + ".";
                    case "weft-caller" -> " Limit: Weft's submitting core: " + shares + ".";
                    case "machine" ->
                            String.format(
                                    Locale.ROOT,
                                    " Limit: the machine's %d cores, not one side's core (process"
                                            + " %.2f cores, GC/JIT/other %.2f of them): %s; with"
                                            + " a core each, %s would be the limit.",
                                    cores,
                                    cores(processCpu),
                                    cores(otherCpu()),
                                    shares,
                                    slowerCore());
                    default ->
                            String.format(
                                    Locale.ROOT,
                                    " Limit: no core saturated (process %.2f of %d cores, system"
                                            + " load average %.1f: other jobs on the machine, round"
                                            + " trips or the in-flight window): %s; with a core"
                                            + " each, %s would be the limit.",
                                    cores(processCpu),
                                    cores,
                                    loadAverage,
                                    shares,
                                    slowerCore());
                };
        return rulesPerSecond() >= GOAL_RULES_PER_SECOND ? head + " " + shares + "." : head + why;
    }

    /** One word for scripts: emulator, weft-caller, machine or none. */
    String limitKey() {
        String l = limit();
        if (l.startsWith("emulator")) {
            return "emulator";
        }
        if (l.startsWith("Weft")) {
            return "weft-caller";
        }
        return l.startsWith("machine") ? "machine" : "none";
    }
}
