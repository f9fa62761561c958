package org.weft.net.stats;

import org.weft.net.PortNumber;

/** A port's counters as the switch reports them (port stats). */
public record PortStatistics(
        PortNumber port,
        long rxPackets,
        long txPackets,
        long rxBytes,
        long txBytes,
        long rxDropped,
        long txDropped,
        long rxErrors,
        long txErrors) {}
