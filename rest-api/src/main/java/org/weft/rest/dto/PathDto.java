package org.weft.rest.dto;

import java.util.List;

/**
 * One path between two switches.
 *
 * @param switches the switches visited, in order
 * @param hops the links, in order
 * @param cost the sum of link weights under the metric asked for
 */
public record PathDto(
        String src, String dst, double cost, List<String> switches, List<LinkRefDto> hops) {}
