package org.weft.net.meter;

/**
 * One meter's counters.
 *
 * @param packetsIn packets that went through it
 * @param bytesIn their bytes
 * @param bandPackets packets its (first) band applied to: the ones it dropped
 * @param bandBytes their bytes
 */
public record MeterStats(
        long meterId,
        long flowCount,
        long packetsIn,
        long bytesIn,
        long bandPackets,
        long bandBytes,
        long durationSec) {}
