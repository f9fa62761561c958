package org.weft.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A flow match; an absent field is a wildcard. {@code inPort} is a port number or a reserved name;
 * {@code ethType} a number or a {@code "0x0800"} string; IPv4 fields {@code a.b.c.d[/len]}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MatchDto(
        JsonNode inPort,
        String ethSrc,
        String ethDst,
        JsonNode ethType,
        Integer vlanVid,
        Integer ipProto,
        String ipv4Src,
        String ipv4Dst,
        Integer tcpSrc,
        Integer tcpDst,
        Integer udpSrc,
        Integer udpDst) {}
