package org.weft.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A discovered directed link.
 *
 * @param latencyMs measured one-way latency, null when unknown
 * @param capacityMbps capacity, null when unknown
 * @param adminWeight operator weight (1.0 by default), null when infinite (avoided)
 * @param state {@code ACTIVE}: only live links are listed
 * @param bitsPerSecond the source port's measured transmit rate, null until two statistics samples
 *     exist (or when statistics are not collected)
 * @param utilisation {@code bitsPerSecond} over the capacity (0..1), null when either is unknown
 * @param hot whether the link is at or above {@code stats.hotThreshold} now (with hysteresis)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record LinkDto(
        LinkEndDto src,
        LinkEndDto dst,
        Double latencyMs,
        Long capacityMbps,
        Double adminWeight,
        String state,
        Double bitsPerSecond,
        Double utilisation,
        boolean hot) {}
