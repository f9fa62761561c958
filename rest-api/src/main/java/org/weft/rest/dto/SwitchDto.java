package org.weft.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A connected switch.
 *
 * @param rttMillis smoothed control-channel round-trip time, absent until measured
 * @param channel control-channel counters (packet-ins admitted and dropped, malformed messages,
 *     read suspensions, request timeouts, bytes queued), absent when the driver has none
 * @param ports its ports (only in the single-switch answer)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SwitchDto(
        String dpid,
        String address,
        String protocol,
        long connectedAtMillis,
        int portCount,
        Double rttMillis,
        ChannelStatsDto channel,
        PipelineDto pipeline,
        List<PortDto> ports) {}
