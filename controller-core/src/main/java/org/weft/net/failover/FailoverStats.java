package org.weft.net.failover;

/**
 * Counters of the failover app since start, for metrics and REST.
 *
 * @param reroutes restorations after a loss
 * @param recoveries re-optimisations after a recovery
 * @param flowChanges flow and group operations sent by both
 * @param lastReactionNanos reaction time of the latest restoration (topology change to last
 *     barrier)
 * @param maxReactionNanos the longest restoration reaction time
 */
public record FailoverStats(
        long reroutes,
        long recoveries,
        long flowChanges,
        long lastReactionNanos,
        long maxReactionNanos) {}
