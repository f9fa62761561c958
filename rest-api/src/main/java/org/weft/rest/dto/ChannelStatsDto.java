package org.weft.rest.dto;

/**
 * A switch's control-channel counters since it connected (see {@code ChannelStats}), the bytes
 * queued for it now, and the flow-mods, group-mods and packet-outs written to it.
 */
public record ChannelStatsDto(
        long packetInsAdmitted,
        long packetInsDropped,
        long malformedMessages,
        long readSuspensions,
        long requestTimeouts,
        long outboundBytes,
        long flowModsSent,
        long groupModsSent,
        long packetOutsSent) {}
