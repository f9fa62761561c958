package org.weft.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A rate limit: the request fields (what {@code POST} takes: the host by {@code hostMac} or {@code
 * hostIp}, an optional 5-tuple, the rate) and, in answers, where it is installed.
 *
 * @param rateKbps kbit/s the host's matching traffic may use; more is dropped in its ingress switch
 * @param burstKb the meter's bucket in kbit (0 or absent: the switch's default)
 * @param dpid in answers: the host's ingress switch
 * @param port in answers: the host's port there
 * @param meterId in answers: the meter on that switch (0 while none is installed)
 * @param state in answers: INSTALLED, PENDING, WAITING_FOR_HOST, UNSUPPORTED or FAILED
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RateLimitDto(
        String id,
        String hostMac,
        String hostIp,
        String ipv4Src,
        String ipv4Dst,
        JsonNode ipProto,
        Integer tcpSrc,
        Integer tcpDst,
        Integer udpSrc,
        Integer udpDst,
        Long rateKbps,
        Long burstKb,
        String dpid,
        Long port,
        Long meterId,
        String state,
        String detail) {}
