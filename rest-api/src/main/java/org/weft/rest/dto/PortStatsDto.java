package org.weft.rest.dto;

/** A port's counters as the switch reported them. */
public record PortStatsDto(
        Object port,
        long rxPackets,
        long txPackets,
        long rxBytes,
        long txBytes,
        long rxDropped,
        long txDropped,
        long rxErrors,
        long txErrors) {}
