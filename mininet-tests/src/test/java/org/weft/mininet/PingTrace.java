package org.weft.mininet;

/**
 * A background ping: totals; requests lost (unanswered although a later one was answered: the
 * requests still in flight when ping was stopped are not lost); the largest gap between consecutive
 * replies (the outage; start and stop count only when fewer than two replies came) and the epoch
 * second its last reply before it arrived; the five largest gaps as JSON text; how long it ran.
 */
public record PingTrace(
        int sent,
        int received,
        int lost,
        double maxGapMs,
        double maxGapAfterEpochS,
        String largestGapsMs,
        double durationMs) {}
