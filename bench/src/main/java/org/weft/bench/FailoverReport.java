package org.weft.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The failover run's report: human-readable lines, then one {@code RESULT} line. */
final class FailoverReport {

    private static final String ROW =
            "  %-7s %-9s %9s %9s %7s %6s %7s %3s %6s %6s %9s %9s %5s %11s  %s%n";

    private final PrintStream out;

    FailoverReport(PrintStream out) {
        this.out = out;
    }

    void print(FailoverResult r) {
        out.printf(
                Locale.ROOT,
                "failover: k=%d fat tree, %d switches, %d directed links, %d hosts; protection %s,"
                        + " recovery hold-down %d ms%n"
                        + "  set-up: connect %.2f s, discovery %.2f s, %s, hosts learned %.2f s, routes"
                        + " converged %.2f s later, settled (no failover event for a quiet period)"
                        + " %.2f s later; idle process CPU %.2f cores (LLDP, echoes); routing"
                        + " thread CPU from the hosts' announcement to converged routes %.2f s%n"
                        + "  (converged: the start of the table comparison that found every switch"
                        + " holding the intent, routing idle, no switch changed meanwhile)%n"
                        + "  set-up CPU, announcement to converged routes (and the comparison): %s%n"
                        + "  Weft and the %d emulated switches share one JVM and this machine's %d"
                        + " cores: every figure includes the emulator's work.%n"
                        + "  observed: cut -> REROUTED event at the bench's listener; reaction: Weft's"
                        + " own (topology change at routing -> last barrier reply);%n"
                        + "  healed: event detectedAt -> reroutedAt (wall clock); ev: REROUTED events"
                        + " for the cut; stale@/after: entries on the cable's switches%n"
                        + "  outputting into the cut ports when the event arrived / once converged;"
                        + " converged: cut -> tables seen to equal the intent (compared at most every"
                        + " 0.5 s on large fabrics);%n"
                        + "  recovered: restore -> RECOVERED event (includes the hold-down); other:"
                        + " REROUTED events about other links; routing cpu: CPU time of Weft's"
                        + " routing thread from the cut to the event. Times in ms.%n",
                r.k(),
                r.switches(),
                r.links(),
                r.hosts(),
                r.protection() ? "on" : "off",
                r.holdDownMs(),
                r.connectSeconds(),
                r.discoverySeconds(),
                r.passesSeconds() >= 0
                        ? String.format(
                                Locale.ROOT,
                                "reconciler's connect passes %.2f s",
                                r.passesSeconds())
                        : r.passesAtHosts()
                                + " reconcile passes queued or running at the hosts' announcement",
                r.hostsSeconds(),
                r.convergeSeconds(),
                r.settledSeconds(),
                r.idleCores(),
                r.setupRoutingCpuSeconds(),
                r.setupCpu().describe(),
                r.switches(),
                Runtime.getRuntime().availableProcessors());
        row(
                "cut",
                "layer",
                "observed",
                "reaction",
                "healed",
                "dests",
                "changes",
                "ev",
                "stale@",
                "after",
                "converged",
                "recovered",
                "other",
                "routing cpu",
                "cable (hosts)");
        for (int i = 0; i < r.cuts().size(); i++) {
            FailoverResult.Cut c = r.cuts().get(i);
            row(
                    i + 1,
                    c.layer(),
                    ms(c.observedNanos()),
                    ms(c.reactionNanos()),
                    c.healedMillis(),
                    c.destinations(),
                    c.flowChanges(),
                    c.events(),
                    c.staleAtEvent(),
                    c.staleAfter(),
                    c.convergedMillis(),
                    c.recoveredMillis(),
                    c.unrelated(),
                    String.format(Locale.ROOT, "%.1f", c.routingCpuMs()),
                    c.cable() + " (" + c.pair() + ")");
        }
        summary(r, "median", true);
        summary(r, "worst", false);
        long rerouted = r.cuts().stream().filter(FailoverResult.Cut::rerouted).count();
        double cores = r.cutCpuSeconds() / r.cutWallSeconds();
        out.printf(
                Locale.ROOT,
                "  %d of %d cuts re-routed (median/worst over those); process CPU over the cut"
                        + " phase %.1f s in %.1f s (%.2f cores)%n",
                rerouted,
                r.cuts().size(),
                r.cutCpuSeconds(),
                r.cutWallSeconds(),
                cores);
        out.printf(
                Locale.ROOT,
                "RESULT mode=failover k=%d switches=%d links=%d hosts=%d protection=%b cuts=%d"
                        + " rerouted=%d ok=%b observed_p50_ms=%.1f observed_max_ms=%.1f"
                        + " reaction_p50_ms=%.1f reaction_max_ms=%.1f healed_p50_ms=%.1f"
                        + " cut_cpu_cores=%.2f routing_cpu_p50_ms=%.1f setup_routing_cpu_s=%.2f"
                        + " setup_s=%.2f setup_weft_cpu_s=%.2f setup_emulator_cpu_s=%.2f"
                        + " setup_rest_cpu_s=%.2f setup_passes_at_hosts=%d%n",
                r.k(),
                r.switches(),
                r.links(),
                r.hosts(),
                r.protection(),
                r.cuts().size(),
                rerouted,
                r.allOk(),
                r.median(c -> c.observedNanos() / 1e6),
                r.worst(c -> c.observedNanos() / 1e6),
                r.median(c -> c.reactionNanos() / 1e6),
                r.worst(c -> c.reactionNanos() / 1e6),
                r.median(FailoverResult.Cut::healedMillis),
                cores,
                r.median(FailoverResult.Cut::routingCpuMs),
                r.setupRoutingCpuSeconds(),
                r.convergeSeconds(),
                r.setupCpu().weftSeconds(),
                r.setupCpu().emulatorSeconds(),
                r.setupCpu().restSeconds(),
                r.passesAtHosts());
    }

    private void summary(FailoverResult r, String label, boolean median) {
        row(
                label,
                "",
                stat(r, median, c -> c.observedNanos() / 1e6),
                stat(r, median, c -> c.reactionNanos() / 1e6),
                stat(r, median, FailoverResult.Cut::healedMillis),
                stat(r, median, FailoverResult.Cut::destinations),
                stat(r, median, FailoverResult.Cut::flowChanges),
                "",
                "",
                "",
                stat(r, median, FailoverResult.Cut::convergedMillis),
                stat(r, median, FailoverResult.Cut::recoveredMillis),
                "",
                stat(r, median, FailoverResult.Cut::routingCpuMs),
                "");
    }

    private static String stat(
            FailoverResult r, boolean median, ToDoubleFunction<FailoverResult.Cut> f) {
        return String.format(Locale.ROOT, "%.1f", median ? r.median(f) : r.worst(f));
    }

    private void row(Object... cells) {
        out.printf(Locale.ROOT, ROW, cells);
    }

    private static String ms(long nanos) {
        return nanos < 0 ? "-" : String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }
}
