package org.weft.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * An ACL rule: the request fields (what {@code POST} takes) and, in answers, its hit counters.
 *
 * @param id unique; Weft names the rule when it is absent
 * @param action allow or deny
 * @param order position: rules are tried in ascending order (then id), the first match decides;
 *     absent: after the last rule
 * @param ipProto a number 0..255 or tcp, udp, icmp
 * @param packets in answers: packets its entries matched, summed over the switches
 * @param bytes in answers: their bytes
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AclDto(
        String id,
        String action,
        Integer order,
        Long inPort,
        String ethSrc,
        String ethDst,
        String ipv4Src,
        String ipv4Dst,
        JsonNode ipProto,
        Integer tcpSrc,
        Integer tcpDst,
        Integer udpSrc,
        Integer udpDst,
        Long packets,
        Long bytes) {}
