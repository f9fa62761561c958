package org.weft.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A discovered directed link.
 *
 * @param latencyMs measured one-way latency, null when unknown
 * @param capacityMbps capacity, null when unknown
 * @param adminWeight operator weight (1.0 by default), null when infinite (avoided)
 * @param state {@code ACTIVE}: only live links are listed
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record LinkDto(
        LinkEndDto src,
        LinkEndDto dst,
        Double latencyMs,
        Long capacityMbps,
        Double adminWeight,
        String state) {}
