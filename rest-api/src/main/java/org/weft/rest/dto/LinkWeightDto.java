package org.weft.rest.dto;

/**
 * An admin weight an operator set on a link, as requested and as kept.
 *
 * @param weight required on POST; finite, 0 to 1e9
 * @param bothDirections also the reverse link (default true)
 */
public record LinkWeightDto(
        LinkEndDto src, LinkEndDto dst, Double weight, Boolean bothDirections) {}
