package org.weft.rest.dto;

import java.util.List;

/**
 * Body of {@code POST /api/v1/flows}. Required: {@code dpid}, {@code priority}; {@code match}
 * defaults to match-all, {@code actions} to none (drop), timeouts to 0 (permanent).
 */
public record StaticFlowRequest(
        String dpid,
        Integer priority,
        MatchDto match,
        List<ActionDto> actions,
        Integer idleTimeout,
        Integer hardTimeout) {}
