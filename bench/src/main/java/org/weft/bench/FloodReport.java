package org.weft.bench;

import static org.weft.bench.FloodResult.max;
import static org.weft.bench.FloodResult.median;
import static org.weft.bench.FloodResult.min;
import static org.weft.bench.FloodResult.ms;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The flood run's report: human-readable lines, one line per switch, then one RESULT line. */
final class FloodReport {

    private final PrintStream out;

    FloodReport(PrintStream out) {
        this.out = out;
    }

    void print(FloodOptions opt, FloodResult r, List<String> problems) {
        out.printf(
                Locale.ROOT,
                "flood: %d OpenFlow 1.0 switches x %d hosts, %.1f s from the first connection (no"
                        + " warm-up), %d KiB queued per switch above its socket buffer (%s),"
                        + " controller %s%n",
                r.switches().size(),
                opt.hosts,
                r.wallSeconds(),
                opt.queueKib,
                opt.sndbufKib == 0 ? "sized by Linux" : opt.sndbufKib + " KiB",
                opt.controller);
        double[] perSwitch = r.answersPerSecPerSwitch();
        double[] hs = r.handshakeMs();
        double[] barrier = r.barrierMs();
        out.printf(
                Locale.ROOT,
                "  answered/s     %.1f packet-ins answered (a flow-mod with a buffer id, a packet-out"
                        + " alone or after its flow-mod: one each; received flow-mods %.1f/s,"
                        + " packet-outs %.1f/s; %d LLDP/BDDP probes not counted)%n",
                r.answersPerSec(),
                r.flowModsPerSec(),
                r.packetOutsPerSec(),
                r.probes());
        out.printf(
                Locale.ROOT,
                "  after warm-up  %.1f answered/s in seconds %d-%d (--warmup %d)%n",
                r.answersPerSecAfter(opt.warmup),
                opt.warmup,
                opt.seconds,
                opt.warmup);
        out.printf(Locale.ROOT, "  packet-ins/s   %.1f sent%n", r.packetInsPerSec());
        out.printf(
                Locale.ROOT,
                "  dropped/s      %s (packet-ins the controller says it dropped: %s)%n",
                r.dropped() < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", r.droppedPerSec()),
                r.dropped() < 0
                        ? "n/a, " + (opt.noRest() ? "no REST API (--rest none)" : "not told")
                        : Long.toString(r.dropped()));
        out.printf(
                Locale.ROOT,
                "  per switch     answered/s min %.1f  median %.1f  max %.1f%n",
                min(perSwitch),
                median(perSwitch),
                max(perSwitch));
        out.printf(
                Locale.ROOT,
                "  handshakes     %d of %d done (connection -> first flow-mod or packet-out): median"
                        + " %s, max %s; barrier replies queued (connection -> reply): median %s, max"
                        + " %s%n",
                hs.length,
                r.switches().size(),
                msOrNa(median(hs)),
                msOrNa(max(hs)),
                msOrNa(median(barrier)),
                msOrNa(max(barrier)));
        out.printf(Locale.ROOT, "  disconnects    %d%n", r.disconnects());
        out.printf(Locale.ROOT, "  controller     %s%n", controller(r.controller()));
        out.printf(
                Locale.ROOT,
                "  answered per second: %s%n  packet-ins per second: %s%n",
                Arrays.toString(r.answersPerSecond()),
                Arrays.toString(r.packetInsPerSecond()));
        out.printf(
                Locale.ROOT,
                "  generator CPU %.2f s over %.2f s (%.2f cores)%n",
                r.generatorCpuSeconds(),
                r.wallSeconds(),
                r.generatorCores());
        out.printf(
                "  %-23s %10s %9s %9s %9s %9s %10s %10s %10s %12s%n",
                "switch",
                "connected",
                "features",
                "barrier",
                "handshake",
                "closed",
                "answered",
                "flow-mods",
                "pkt-outs",
                "packet-ins");
        for (FloodSwitchResult s : r.switches()) {
            out.printf(
                    Locale.ROOT,
                    "  %-23s %10s %9s %9s %9s %9s %10d %10d %10d %12d%n",
                    s.dpid(),
                    String.format(Locale.ROOT, "%.0f ms", s.connectedMs()),
                    ms(s.featuresMs()),
                    ms(s.barrierMs()),
                    ms(s.handshakeMs()),
                    ms(s.closedMs()),
                    s.answers(),
                    s.flowMods(),
                    s.packetOuts(),
                    s.packetInsSent());
        }
        for (String p : problems) {
            out.println("  PROBLEM " + p);
        }
        ControllerSample c = r.controller();
        out.printf(
                Locale.ROOT,
                "RESULT mode=flood switches=%d seconds=%.1f answered_per_s=%.1f"
                        + " answered_after_warmup_per_s=%.1f warmup_s=%d flowmods_per_s=%.1f"
                        + " packetouts_per_s=%.1f packetins_per_s=%.1f dropped_per_s=%s"
                        + " switch_answered_min=%.1f switch_answered_median=%.1f"
                        + " switch_answered_max=%.1f handshakes_done=%d handshake_median_ms=%.1f"
                        + " handshake_max_ms=%.1f disconnects=%d heap_used_mib=%s"
                        + " heap_committed_mib=%s threads=%s threads_max=%s rss_mib=%s"
                        + " generator_cores=%.2f problems=%d%n",
                r.switches().size(),
                r.wallSeconds(),
                r.answersPerSec(),
                r.answersPerSecAfter(opt.warmup),
                opt.warmup,
                r.flowModsPerSec(),
                r.packetOutsPerSec(),
                r.packetInsPerSec(),
                r.dropped() < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", r.droppedPerSec()),
                min(perSwitch),
                median(perSwitch),
                max(perSwitch),
                hs.length,
                median(hs),
                max(hs),
                r.disconnects(),
                na(c == null ? -1 : c.heapUsedMib()),
                na(c == null ? -1 : c.heapCommittedMib()),
                na(c == null ? -1 : c.threads()),
                na(c == null ? -1 : c.threadsMax()),
                na(c == null ? -1 : c.rssMib()),
                r.generatorCores(),
                problems.size());
    }

    private static String controller(ControllerSample c) {
        if (c == null) {
            return "n/a (no --controller-pid)";
        }
        String heap =
                c.heapUsedMib() < 0
                        ? "heap n/a (not a JVM, or jcmd could not attach)"
                        : String.format(
                                Locale.ROOT,
                                "heap %d MiB used of %s MiB committed at the end (no GC forced)",
                                c.heapUsedMib(),
                                na(c.heapCommittedMib()));
        return String.format(
                Locale.ROOT,
                "pid %d: %s; threads %s (max %s); RSS %s MiB (max %s)",
                c.pid(),
                heap,
                na(c.threads()),
                na(c.threadsMax()),
                na(c.rssMib()),
                na(c.rssMaxMib()));
    }

    private static String na(long v) {
        return v < 0 ? "n/a" : Long.toString(v);
    }

    private static String msOrNa(double ms) {
        return ms < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f ms", ms);
    }
}
