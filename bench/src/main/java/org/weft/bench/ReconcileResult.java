package org.weft.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Everything a reconcile run measured: the fabric and its set-up times, the full passes and the
 * repairs.
 */
record ReconcileResult(
        ReconcileRun.Options options,
        int switches,
        int links,
        int hosts,
        int flows,
        int groups,
        double connectSeconds,
        double convergeSeconds,
        double idleWeftCores,
        List<Pass> passes,
        List<Repair> repairs) {

    /** Traffic of one switch's share of a full pass, added up over the switches. */
    record Wire(
            long flowStatsRequests,
            long flowStatsRequestBytes,
            long flowStatsReplies,
            long flowStatsReplyBytes,
            long groupDescRequests,
            long groupDescRequestBytes,
            long groupDescReplies,
            long groupDescReplyBytes,
            long flowMods,
            long groupMods,
            long barriers,
            long bytesFromWeft,
            long bytesToWeft) {

        /** The traffic the tallies counted, added up over the switches. */
        static Wire sum(Iterable<WireTally> tallies) {
            long[] w = new long[13];
            for (WireTally t : tallies) {
                WireTally.Direction in = t.fromController;
                WireTally.Direction out = t.toController;
                w[0] += in.mpMessages.get(WireTally.MP_FLOW);
                w[1] += in.mpBytes.get(WireTally.MP_FLOW);
                w[2] += out.mpMessages.get(WireTally.MP_FLOW);
                w[3] += out.mpBytes.get(WireTally.MP_FLOW);
                w[4] += in.mpMessages.get(WireTally.MP_GROUP_DESC);
                w[5] += in.mpBytes.get(WireTally.MP_GROUP_DESC);
                w[6] += out.mpMessages.get(WireTally.MP_GROUP_DESC);
                w[7] += out.mpBytes.get(WireTally.MP_GROUP_DESC);
                w[8] += in.messages.get(WireTally.FLOW_MOD);
                w[9] += in.messages.get(WireTally.GROUP_MOD);
                w[10] += in.messages.get(WireTally.BARRIER_REQUEST);
                w[11] += in.totalBytes();
                w[12] += out.totalBytes();
            }
            return new Wire(
                    w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7], w[8], w[9], w[10], w[11],
                    w[12]);
        }
    }

    /**
     * One full pass: every switch asked for a pass at once.
     *
     * @param seconds from the requests to the last pass's report
     * @param switchPassMillis each switch's own pass time (reading, diffing, writing), sorted
     * @param changes operations sent (0 when the tables matched intent)
     * @param failed operations not confirmed
     * @param weftCpuSeconds CPU of Weft's own threads
     * @param processCpuSeconds CPU of the whole process (Weft, emulator, GC, JIT)
     * @param cpuByThread Weft's CPU seconds per thread family
     * @param extraPasses passes counted by the reconciler beyond one per switch (periodic ones)
     * @param wire the control-channel traffic of the pass (all switches)
     */
    record Pass(
            double seconds,
            double[] switchPassMillis,
            long changes,
            long failed,
            double weftCpuSeconds,
            double processCpuSeconds,
            Map<String, Double> cpuByThread,
            long extraPasses,
            Wire wire) {}

    /**
     * A repair: entries deleted on {@code switches} switches, then waited for.
     *
     * @param how "periodic passes" or "a full pass"
     * @param entriesDeleted flows and groups deleted in all
     * @param repairedMillis per damaged switch, from the deletion until its table equalled what it
     *     held before, sorted (-1: not within the limit)
     * @param seconds until the last was repaired (or the full pass ended, if later)
     * @param weftCpuSeconds CPU of Weft's threads over that time
     * @param wire control-channel traffic of all switches over that time
     */
    record Repair(
            String how,
            int switches,
            int entriesDeleted,
            long[] repairedMillis,
            double seconds,
            double weftCpuSeconds,
            Wire wire) {
        boolean allRepaired() {
            return Arrays.stream(repairedMillis).allMatch(m -> m >= 0);
        }
    }
}
