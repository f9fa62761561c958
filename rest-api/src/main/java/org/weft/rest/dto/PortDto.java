package org.weft.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A switch port: its state as the switch described it, and its counters when asked for.
 *
 * @param port port number (or reserved name)
 * @param live administratively up and link up
 * @param stats counters from port stats, absent when not requested or not reported
 * @param rates measured rates from the statistics collector, absent until two samples exist (or
 *     when statistics are not collected)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PortDto(
        Object port,
        String name,
        String mac,
        boolean adminUp,
        boolean linkUp,
        boolean live,
        long speedMbps,
        PortStatsDto stats,
        PortRateDto rates) {}
