package org.weft.rest.dto;

/**
 * A port's measured rates over the last statistics interval.
 *
 * @param intervalMs the interval the rates are averaged over
 * @param atMillis wall-clock time of the later sample
 */
public record PortRateDto(
        double rxBitsPerSecond,
        double txBitsPerSecond,
        double rxPacketsPerSecond,
        double txPacketsPerSecond,
        double dropsPerSecond,
        double errorsPerSecond,
        long intervalMs,
        long atMillis) {}
