package org.weft.bench;

import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * What one packet-in run measured.
 *
 * @param mode "throughput" or "latency"
 * @param flowModsPerSecond flow-mods received in each measured second (all switches)
 * @param packetOutsPerSecond packet-outs received in each measured second (all switches)
 * @param latencyNanos request→flow-mod times (latency mode), or null
 * @param stalls window refills after a switch saw no answer for the stall time
 * @param unmatched flow-mods not taken as the answer in latency mode (another destination)
 * @param generatorCpuSeconds the generator's CPU time over the measured seconds (-1: unknown)
 * @param wallSeconds length of the measured period
 */
record LoadResult(
        String mode,
        long[] flowModsPerSecond,
        long[] packetOutsPerSecond,
        Histogram latencyNanos,
        long stalls,
        long unmatched,
        double generatorCpuSeconds,
        double wallSeconds) {

    /** Mean flow-mods per second over the measured seconds. */
    double meanFlowModsPerSecond() {
        return Arrays.stream(flowModsPerSecond).average().orElse(0);
    }

    double meanPacketOutsPerSecond() {
        return Arrays.stream(packetOutsPerSecond).average().orElse(0);
    }

    /** Generator CPU in cores (1.0 = one core busy all the time), -1 when unknown. */
    double generatorCores() {
        return generatorCpuSeconds < 0 || wallSeconds <= 0 ? -1 : generatorCpuSeconds / wallSeconds;
    }
}
