package org.weft.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The generator's report on stdout: human-readable lines, then one {@code RESULT} line per run with
 * {@code key=value} fields that scripts (bench/run.sh) parse.
 */
final class Report {

    private final PrintStream out;

    Report(PrintStream out) {
        this.out = out;
    }

    void load(LoadOptions opt, int window, LoadResult r) {
        out.printf(
                Locale.ROOT,
                "%s: %d switches x %d hosts, window %d, %d s after %d s warm-up, controller %s%n",
                r.mode(),
                opt.switches,
                opt.hosts,
                window,
                opt.seconds,
                opt.warmupSeconds,
                opt.controller);
        long[] a = r.answersPerSecond().clone();
        Arrays.sort(a);
        out.printf(
                Locale.ROOT,
                "  answered/s    min %d  median %d  max %d  mean %.1f  (packet-ins answered: a"
                        + " flow-mod with a buffer id, a packet-out alone or after its flow-mod:"
                        + " one each)%n",
                a[0],
                a[a.length / 2],
                a[a.length - 1],
                r.meanAnswersPerSecond());
        out.printf(
                Locale.ROOT, "  answered per second: %s%n", Arrays.toString(r.answersPerSecond()));
        out.printf(
                Locale.ROOT,
                "  received: flow-mods/s mean %.1f, packet-outs/s mean %.1f (LLDP probes"
                        + " included)%n",
                r.meanFlowModsPerSecond(),
                r.meanPacketOutsPerSecond());
        Histogram h = r.latencyNanos();
        String lat = "";
        if (h != null && h.getTotalCount() > 0) {
            out.printf(
                    Locale.ROOT,
                    "  latency (us)  p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f  over %d"
                            + " answers%n",
                    us(h.getValueAtPercentile(50)),
                    us(h.getValueAtPercentile(90)),
                    us(h.getValueAtPercentile(99)),
                    us(h.getValueAtPercentile(99.9)),
                    us(h.getMaxValue()),
                    h.getTotalCount());
            lat =
                    String.format(
                            Locale.ROOT,
                            " p50_us=%.1f p99_us=%.1f max_us=%.1f samples=%d",
                            us(h.getValueAtPercentile(50)),
                            us(h.getValueAtPercentile(99)),
                            us(h.getMaxValue()),
                            h.getTotalCount());
        }
        out.printf(
                Locale.ROOT,
                "  generator CPU %.2f s over %.2f s (%.2f cores); window refills after stalls: %d%n",
                r.generatorCpuSeconds(),
                r.wallSeconds(),
                r.generatorCores(),
                r.stalls());
        if (h != null) {
            out.printf(
                    Locale.ROOT,
                    "  not timed: %d late answers (to a packet-in a refill gave up on, or answered"
                            + " already), %d unpaired (no stamp of this run, such as answers to the"
                            + " hosts' announcements)%n",
                    r.late(),
                    r.unpaired());
        }
        out.printf(
                Locale.ROOT,
                "RESULT mode=%s answered_per_s=%.1f flowmods_per_s=%.1f packetouts_per_s=%.1f%s"
                        + " generator_cores=%.2f stalls=%d late=%d unpaired=%d%n",
                r.mode(),
                r.meanAnswersPerSecond(),
                r.meanFlowModsPerSecond(),
                r.meanPacketOutsPerSecond(),
                lat,
                r.generatorCores(),
                r.stalls(),
                r.late(),
                r.unpaired());
    }

    void flows(int switches, FlowInstallResult r) {
        out.printf(
                Locale.ROOT,
                "flows: %d rules over %d switches confirmed in %.2f s: %.0f rules/s"
                        + " (switches saw %d flow-mods)%n",
                r.rules(),
                switches,
                r.seconds(),
                r.rulesPerSecond(),
                r.flowModsSeen());
        out.printf(
                Locale.ROOT,
                "  Weft CPU     %.2f s = %.2f cores (its threads %.2f s, apply() on the caller"
                        + " %.2f s): %.0f rules per Weft CPU-second%n",
                r.weftCpu(),
                r.cores(r.weftCpu()),
                r.weftThreadsCpu(),
                r.callerCpu(),
                r.rulesPerWeftCpuSecond());
        out.printf(
                Locale.ROOT,
                "  emulator CPU %.2f s = %.2f cores (%d thread(s))%n",
                r.emulatorCpu(),
                r.cores(r.emulatorCpu()),
                r.emulatorThreads());
        out.printf(
                Locale.ROOT,
                "  bench CPU    %.2f s (building the rules); JVM %.2f s: GC threads %.2f s"
                        + " (pauses %.2f s), JIT %.2f s; process %.2f s = %.2f of %d cores%n",
                r.benchCpu(),
                r.otherCpu(),
                r.gcCpu(),
                r.gcSeconds(),
                r.jitCpu(),
                r.processCpu(),
                r.cores(r.processCpu()),
                r.cores());
        out.printf(Locale.ROOT, "  limit: %s%n", r.limit());
        out.printf(
                Locale.ROOT,
                "  per CPU-second: Weft %.0f rules, emulator %.0f rules: with a core each,"
                        + " %s would be the limit%n",
                r.rulesPerWeftCpuSecond(),
                r.rulesPerEmulatorCpuSecond(),
                r.slowerCore());
        out.printf(
                Locale.ROOT,
                "RESULT mode=flows rules=%d seconds=%.3f rules_per_s=%.1f cpu_s=%.2f"
                        + " weft_cpu_s=%.3f weft_cores=%.2f emulator_cpu_s=%.3f"
                        + " emulator_cores=%.2f rules_per_weft_cpu_s=%.0f"
                        + " rules_per_emulator_cpu_s=%.0f gc_s=%.2f gc_cpu_s=%.2f limit=%s%n",
                r.rules(),
                r.seconds(),
                r.rulesPerSecond(),
                r.processCpu(),
                r.weftCpu(),
                r.cores(r.weftCpu()),
                r.emulatorCpu(),
                r.cores(r.emulatorCpu()),
                r.rulesPerWeftCpuSecond(),
                r.rulesPerEmulatorCpuSecond(),
                r.gcSeconds(),
                r.gcCpu(),
                r.limitKey());
        out.println(r.goal());
    }

    void scale(ScaleRun.Result r) {
        out.printf(
                Locale.ROOT,
                "scale: %d switches connected in %.2f s; %d links discovered in %s;"
                        + " heap after GC %d MiB; process CPU %.1f s (Weft and the emulated switches)%n",
                r.switches(),
                r.connectSeconds(),
                r.links(),
                r.discoverySeconds() < 0
                        ? "(not all within the limit)"
                        : String.format(Locale.ROOT, "%.2f s", r.discoverySeconds()),
                r.heapMiB(),
                r.cpuSeconds());
        out.printf(
                Locale.ROOT,
                "RESULT mode=scale switches=%d connect_s=%.3f links=%d discovery_s=%.3f"
                        + " heap_mib=%d cpu_s=%.1f%n",
                r.switches(),
                r.connectSeconds(),
                r.links(),
                r.discoverySeconds(),
                r.heapMiB(),
                r.cpuSeconds());
    }

    /**
     * Failover run: set-up times, one line per cut, median and worst (see {@link FailoverReport}).
     */
    void failover(FailoverResult r) {
        new FailoverReport(out).print(r);
    }

    /**
     * Flood run: rates, spread, handshakes, disconnects, the controller's process (see {@link
     * FloodReport}).
     */
    void flood(FloodOptions opt, FloodResult r, java.util.List<String> problems) {
        new FloodReport(out).print(opt, r, problems);
    }

    private static double us(long nanos) {
        return nanos / 1000.0;
    }
}
