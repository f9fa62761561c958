package org.weft.rest.dto;

import java.util.List;

/**
 * A static flow as Weft keeps it (and as it is stored on disk).
 *
 * @param id Weft's id of the flow, also the low bits of its cookie
 * @param installed whether the switch confirmed it since it last connected (absent on disk)
 */
public record StaticFlowDto(
        String id,
        String dpid,
        int priority,
        MatchDto match,
        List<ActionDto> actions,
        int idleTimeout,
        int hardTimeout,
        String cookie,
        Boolean installed) {}
