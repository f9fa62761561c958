package org.weft.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A meter a switch reports, with its counters.
 *
 * @param rateLimit the rate limit Weft installed it for, absent when Weft does not know it
 * @param packetsIn packets that went through it
 * @param bandPackets packets its drop band dropped
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MeterDto(
        String dpid,
        long meterId,
        String rateLimit,
        long flowCount,
        long packetsIn,
        long bytesIn,
        long bandPackets,
        long bandBytes,
        long durationSec) {}
