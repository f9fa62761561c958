package org.weft.rest.dto;

/**
 * A capacity an operator set on a link in place of its port speeds, as requested and as kept.
 *
 * @param capacityMbps required on POST; a whole number from 1 to 10^10 Mbit/s
 * @param bothDirections also the reverse link (default true)
 */
public record LinkCapacityDto(
        LinkEndDto src, LinkEndDto dst, Long capacityMbps, Boolean bothDirections) {}
