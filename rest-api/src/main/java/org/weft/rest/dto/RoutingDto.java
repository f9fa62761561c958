package org.weft.rest.dto;

/**
 * The routing app as operators see it.
 *
 * @param metric {@code HOP_COUNT}, {@code LATENCY}, {@code ADMIN_WEIGHT} or {@code
 *     INVERSE_CAPACITY}
 * @param routedHosts destinations with routes now (ignored on PUT)
 */
public record RoutingDto(String metric, Integer routedHosts) {}
