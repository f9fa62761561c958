package org.weft.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A steering rule: the request fields (what {@code POST} takes), and, in answers, its id and state.
 *
 * @param path DPIDs in order from the ingress switch to the destination host switch
 * @param avoidLinks links to route around (instead of a path)
 * @param state in answers: INSTALLED, PENDING, SWITCH_DISCONNECTED, FAILED, WAITING_FOR_HOST,
 *     BROKEN or NO_PATH
 * @param detail in answers: why it is not installed
 * @param currentPath in answers: the switches its flows are on
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SteeringDto(
        String id,
        String ipv4Src,
        String ipv4Dst,
        Integer ipProto,
        Integer tcpSrc,
        Integer tcpDst,
        Integer udpSrc,
        Integer udpDst,
        List<String> path,
        List<LinkRefDto> avoidLinks,
        String state,
        String detail,
        List<String> currentPath) {}
