package org.weft.rest.dto;

import java.util.List;

/**
 * The body of {@code GET /api/v1/health}.
 *
 * @param status {@code UP} (answered with 200) or {@code DEGRADED} (503)
 * @param reasons why it is degraded; empty when up
 * @param switches switches connected now
 * @param divergedSwitches connected switches whose tables differ from intent (the reconciler is
 *     converging them); informative, not a reason to be degraded
 * @param failedBatchesLastMinute batches switches did not fully confirm in the last 60 s
 * @param queues Weft's internal queues with their depth now and the bound above which it is
 *     degraded
 * @param staticFlows static flows kept
 * @param eventClients clients of the event stream now
 */
public record HealthDto(
        String status,
        List<String> reasons,
        int switches,
        List<String> divergedSwitches,
        int failedBatchesLastMinute,
        List<Queue> queues,
        int staticFlows,
        int eventClients,
        long uptimeSeconds) {

    /** One internal queue: items waiting now, and the bound. */
    public record Queue(String name, int depth, int bound) {}
}
