package org.weft.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A flow entry as the switch reported it.
 *
 * @param appId owning app, the cookie's high 16 bits
 * @param app the owning app's name when Weft knows it
 * @param staticFlowId the static flow's id when the entry is one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FlowEntryDto(
        String dpid,
        int tableId,
        int priority,
        MatchDto match,
        List<ActionDto> actions,
        int idleTimeout,
        int hardTimeout,
        String cookie,
        int appId,
        String app,
        String staticFlowId,
        long packets,
        long bytes,
        long durationSeconds) {}
