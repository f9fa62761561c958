package org.weft.bench;

import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * What one packet-in run measured.
 *
 * @param mode "throughput" or "latency"
 * @param answersPerSecond packet-ins answered in each measured second (all switches), as {@link
 *     Answers} counts them: a flow-mod with a buffer id, a packet-out alone or after its flow-mod
 * @param flowModsPerSecond flow-mods received in each measured second (all switches)
 * @param packetOutsPerSecond packet-outs received in each measured second (all switches)
 * @param latencyNanos packet-in→answer times (latency mode), or null
 * @param stalls window refills after a switch saw no answer for the stall time
 * @param late latency mode: answers to a packet-in no longer outstanding (given up on by a refill,
 *     or answered already), not timed
 * @param unpaired latency mode: answers carrying no stamp of the run (such as answers to the hosts'
 *     announcements), not timed
 * @param generatorCpuSeconds the generator's CPU time over the measured seconds (-1: unknown)
 * @param wallSeconds length of the measured period
 */
record LoadResult(
        String mode,
        long[] answersPerSecond,
        long[] flowModsPerSecond,
        long[] packetOutsPerSecond,
        Histogram latencyNanos,
        long stalls,
        long late,
        long unpaired,
        double generatorCpuSeconds,
        double wallSeconds) {

    /** Mean packet-ins answered per second over the measured seconds. */
    double meanAnswersPerSecond() {
        return Arrays.stream(answersPerSecond).average().orElse(0);
    }

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
