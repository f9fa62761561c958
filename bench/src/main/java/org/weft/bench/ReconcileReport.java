package org.weft.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The reconcile run's report: human-readable lines, then one {@code RESULT} line. */
final class ReconcileReport {

    private final PrintStream out;

    ReconcileReport(PrintStream out) {
        this.out = out;
    }

    void print(ReconcileResult r) {
        ReconcileRun.Options o = r.options();
        int n = r.switches();
        out.printf(
                Locale.ROOT,
                "reconcile: k=%d fat tree, %d switches, %d directed links, %d hosts; the switches"
                        + " hold %d flows and %d groups%n"
                        + "  reconcile.intervalS %s, maxPassesInFlight %d, LLDP every %d ms; connected in %.2f s, routes"
                        + " converged and settled %.2f s after the hosts were announced; idle Weft"
                        + " threads %.2f cores (LLDP, echoes)%n"
                        + "  Weft and the emulated switches share one JVM and this machine's %d"
                        + " cores; Weft's CPU is its own threads' (weft-*, not the emulator's)%n",
                o.k(),
                n,
                r.links(),
                r.hosts(),
                r.flows(),
                r.groups(),
                fmt(o.intervalS()),
                o.maxInFlight(),
                o.lldpIntervalMs(),
                r.connectSeconds(),
                r.convergeSeconds(),
                r.idleWeftCores(),
                Runtime.getRuntime().availableProcessors());
        int i = 1;
        for (ReconcileResult.Pass p : r.passes()) {
            double[] ms = p.switchPassMillis();
            out.printf(
                    Locale.ROOT,
                    "  full pass %d: %.2f s for %d switches (%.0f switch passes/s); one switch's pass"
                            + " p50 %.1f ms, p99 %.1f ms, max %.1f ms; %d changes, %d not confirmed;"
                            + " periodic passes meanwhile %d%n"
                            + "    Weft CPU %.2f s (%.2f cores: %s), %.2f s beyond the idle rate;"
                            + " process CPU %.2f s%n",
                    i++,
                    p.seconds(),
                    ms.length,
                    ms.length / p.seconds(),
                    pct(ms, 50),
                    pct(ms, 99),
                    ms[ms.length - 1],
                    p.changes(),
                    p.failed(),
                    p.extraPasses(),
                    p.weftCpuSeconds(),
                    p.weftCpuSeconds() / p.seconds(),
                    families(p.cpuByThread()),
                    net(p, r),
                    p.processCpuSeconds());
            wire("    per switch", p.wire(), n);
        }
        ReconcileResult.Pass last = r.passes().get(r.passes().size() - 1);
        out.printf(
                Locale.ROOT,
                "  steady state at reconcile.intervalS %s: %.3f Weft cores for passes (the last full"
                        + " pass's CPU beyond the idle rate, spread over the interval), %.1f KiB/s on"
                        + " the control channels%n",
                fmt(o.intervalS()),
                net(last, r) / o.intervalS(),
                (last.wire().bytesFromWeft() + last.wire().bytesToWeft()) / 1024.0 / o.intervalS());
        for (ReconcileResult.Repair rep : r.repairs()) {
            long[] ms = rep.repairedMillis();
            out.printf(
                    Locale.ROOT,
                    "  repair by %s: every entry of %d switches deleted (%d flows and groups),"
                            + " %s repaired; per switch after p50 %d ms, max %d ms; done in %.2f s,"
                            + " Weft CPU %.2f s%n",
                    rep.how(),
                    rep.switches(),
                    rep.entriesDeleted(),
                    rep.allRepaired() ? "all" : "NOT all",
                    ms[ms.length / 2],
                    ms[ms.length - 1],
                    rep.seconds(),
                    rep.weftCpuSeconds());
            wire("    all switches", rep.wire(), 1);
        }
        ReconcileResult.Repair periodic = r.repairs().get(0);
        ReconcileResult.Repair full = r.repairs().get(1);
        double[] passSeconds =
                r.passes().stream().mapToDouble(ReconcileResult.Pass::seconds).toArray();
        Arrays.sort(passSeconds);
        ReconcileResult.Wire w = last.wire();
        out.printf(
                Locale.ROOT,
                "RESULT mode=reconcile k=%d switches=%d flows=%d groups=%d interval_s=%s"
                        + " pass_s=%.3f switch_passes_per_s=%.1f pass_weft_cpu_s=%.2f"
                        + " pass_weft_cpu_net_s=%.2f"
                        + " pass_process_cpu_s=%.2f bytes_from_weft_per_switch=%.0f"
                        + " bytes_to_weft_per_switch=%.0f stats_messages_per_switch=%.2f"
                        + " repair_periodic_max_ms=%d repair_full_pass_max_ms=%d all_repaired=%b%n",
                o.k(),
                n,
                r.flows(),
                r.groups(),
                fmt(o.intervalS()),
                passSeconds[passSeconds.length / 2],
                n / passSeconds[passSeconds.length / 2],
                last.weftCpuSeconds(),
                net(last, r),
                last.processCpuSeconds(),
                (double) w.bytesFromWeft() / n,
                (double) w.bytesToWeft() / n,
                (double)
                                (w.flowStatsRequests()
                                        + w.flowStatsReplies()
                                        + w.groupDescRequests()
                                        + w.groupDescReplies())
                        / n,
                periodic.repairedMillis()[periodic.repairedMillis().length - 1],
                full.repairedMillis()[full.repairedMillis().length - 1],
                periodic.allRepaired() && full.allRepaired());
    }

    private void wire(String label, ReconcileResult.Wire w, int per) {
        out.printf(
                Locale.ROOT,
                "%s: flow stats %.2f requests (%.0f B) / %.2f replies (%.0f B); group desc %.2f"
                        + " requests (%.0f B) / %.2f replies (%.0f B); flow-mods %.2f, group-mods"
                        + " %.2f, barriers %.2f; in all %.0f B from Weft, %.0f B to Weft (LLDP and"
                        + " echoes included)%n",
                label,
                (double) w.flowStatsRequests() / per,
                (double) w.flowStatsRequestBytes() / per,
                (double) w.flowStatsReplies() / per,
                (double) w.flowStatsReplyBytes() / per,
                (double) w.groupDescRequests() / per,
                (double) w.groupDescRequestBytes() / per,
                (double) w.groupDescReplies() / per,
                (double) w.groupDescReplyBytes() / per,
                (double) w.flowMods() / per,
                (double) w.groupMods() / per,
                (double) w.barriers() / per,
                (double) w.bytesFromWeft() / per,
                (double) w.bytesToWeft() / per);
    }

    /** A pass's Weft CPU beyond what Weft's threads use when idle (LLDP, echoes) meanwhile. */
    private static double net(ReconcileResult.Pass p, ReconcileResult r) {
        return p.weftCpuSeconds() - r.idleWeftCores() * p.seconds();
    }

    private static String families(Map<String, Double> cpu) {
        return cpu.entrySet().stream()
                .filter(e -> e.getValue() >= 0.01)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static double pct(double[] sorted, int p) {
        int at = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, at))];
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
