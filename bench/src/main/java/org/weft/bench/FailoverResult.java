package org.weft.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What a failover run measured: the fabric's set-up times and, per cut, how Weft re-routed.
 *
 * @param k fat-tree arity
 * @param switches emulated switches
 * @param links directed links Weft discovered
 * @param hosts hosts attached and learned
 * @param protection whether routing pre-installed fast-failover groups
 * @param holdDownMs routing's recovery hold-down
 * @param connectSeconds first connect to the last handshake
 * @param discoverySeconds last handshake to every link known
 * @param passesSeconds every link known to the reconciler's passes on connect done (none queued or
 *     running), or -1 when the hosts were announced without waiting for them
 * @param passesAtHosts reconcile passes queued or running when the hosts were announced
 * @param hostsSeconds first announcement to every host learned
 * @param convergeSeconds every host learned to switch tables equal to the routing intent
 * @param settledSeconds every host learned to converged with no failover event for a quiet period
 * @param setupRoutingCpuSeconds CPU time of Weft's routing thread from the hosts' announcement to
 *     converged routes (its own work, whatever else shares the cores)
 * @param setupCpu whose CPU the same window took (Weft's threads, the emulator's, the rest)
 * @param idleCores process CPU in cores over a short idle window before the cuts (LLDP, echo)
 * @param cutCpuSeconds process CPU over the cut phase (cuts, restores and their convergence)
 * @param cutWallSeconds wall time of the cut phase
 * @param cuts one entry per cut, in order
 */
record FailoverResult(
        int k,
        int switches,
        int links,
        int hosts,
        boolean protection,
        long holdDownMs,
        double connectSeconds,
        double discoverySeconds,
        double passesSeconds,
        int passesAtHosts,
        double hostsSeconds,
        double convergeSeconds,
        double settledSeconds,
        double setupRoutingCpuSeconds,
        SetupCpu setupCpu,
        double idleCores,
        double cutCpuSeconds,
        double cutWallSeconds,
        List<Cut> cuts) {

    /**
     * One cut. Times are -1 where the step did not complete within the limit.
     *
     * @param layer "edge-agg" or "agg-core" (the layers of the cable's ends)
     * @param cable the cable's two ends
     * @param pair the hosts whose active path the cable was on
     * @param events REROUTED events that together lost both directions of the cable
     * @param observedNanos cut to the last of those events reaching the bench's listener
     * @param reactionNanos Weft's reaction time: routing app received the topology change to the
     *     last barrier reply (the longest among the events)
     * @param healedMillis earliest detection to the last confirmed entry, wall clock (ms)
     * @param destinations destinations re-routed (summed over the events)
     * @param flowChanges flow and group operations sent (summed over the events)
     * @param staleAtEvent entries on the cable's switches outputting into the cut ports when the
     *     event arrived (the flood tree may still have been updating)
     * @param staleAfter the same once the switches equal the routing intent (must be 0)
     * @param convergedMillis cut to switch tables equal to the routing intent
     * @param recoveredMillis restore to the RECOVERED re-optimisation event
     * @param unrelated other REROUTED events during this cut (not about this cable)
     * @param routingCpuMs CPU time of Weft's routing thread from the cut to the last event
     */
    record Cut(
            String layer,
            String cable,
            String pair,
            int events,
            long observedNanos,
            long reactionNanos,
            long healedMillis,
            int destinations,
            int flowChanges,
            int staleAtEvent,
            int staleAfter,
            long convergedMillis,
            long recoveredMillis,
            int unrelated,
            double routingCpuMs) {

        boolean rerouted() {
            return events > 0;
        }

        /** Rerouted, and after convergence nothing outputs into the cut ports. */
        boolean ok() {
            return rerouted() && staleAfter == 0;
        }
    }

    boolean allRerouted() {
        return cuts.stream().allMatch(Cut::rerouted);
    }

    boolean allOk() {
        return !cuts.isEmpty() && cuts.stream().allMatch(Cut::ok);
    }

    /** Median over the re-routed cuts of a figure, or -1 when none was. */
    double median(ToDoubleFunction<Cut> f) {
        double[] v = values(f);
        if (v.length == 0) {
            return -1;
        }
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    /** Largest value over the re-routed cuts of a figure, or -1 when none was. */
    double worst(ToDoubleFunction<Cut> f) {
        double[] v = values(f);
        return v.length == 0 ? -1 : v[v.length - 1];
    }

    private double[] values(ToDoubleFunction<Cut> f) {
        double[] v = cuts.stream().filter(Cut::rerouted).mapToDouble(f).toArray();
        Arrays.sort(v);
        return v;
    }
}
