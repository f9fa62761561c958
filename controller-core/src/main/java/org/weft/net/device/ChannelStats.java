package org.weft.net.device;

/**
 * What a switch's control channel has cost Weft and what Weft refused it: counters since the
 * channel connected, plus the bytes queued for it now.
 *
 * @param packetInsAdmitted packet-ins admitted by the switch's token bucket and handed to the apps
 * @param packetInsDropped packet-ins dropped before parsing: over the switch's token bucket, or
 *     over the buffer kept while the switch was being registered
 * @param malformedMessages messages that could not be decoded (answered with an error)
 * @param readSuspensions times Weft stopped reading from the switch because its outbound buffer was
 *     over the high water mark (back-pressure)
 * @param requestTimeouts barriers, stats and echo requests the switch did not answer in time
 * @param outboundBytes bytes queued for the switch now, not yet written to its socket
 * @param flowModsSent flow-mods written to the switch (batched, re-asserted and buffer-releasing
 *     answers alike)
 * @param groupModsSent group-mods written to the switch
 * @param packetOutsSent packet-outs written to the switch
 */
public record ChannelStats(
        long packetInsAdmitted,
        long packetInsDropped,
        long malformedMessages,
        long readSuspensions,
        long requestTimeouts,
        long outboundBytes,
        long flowModsSent,
        long groupModsSent,
        long packetOutsSent) {}
