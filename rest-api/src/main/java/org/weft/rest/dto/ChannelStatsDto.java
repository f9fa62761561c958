package org.weft.rest.dto;

/**
 * A switch's control-channel counters since it connected (see {@code ChannelStats}), and the bytes
 * queued for it now.
 */
public record ChannelStatsDto(
        long packetInsAdmitted,
        long packetInsDropped,
        long malformedMessages,
        long readSuspensions,
        long requestTimeouts,
        long outboundBytes) {}
