package org.weft.rest.dto;

import java.util.List;

/**
 * A static flow as the API shows it.
 *
 * @param id Weft's id of the flow, also the low bits of its cookie; never reused
 * @param state {@code PENDING} (recorded, not yet confirmed by the switch since it connected),
 *     {@code INSTALLED} (confirmed by its barrier, or found or made equal by a reconcile pass),
 *     {@code FAILED} (the switch rejected it; see {@code error}) or {@code SWITCH_DISCONNECTED}
 * @param error the switch's error as {@code TYPE/CODE} when {@code FAILED}, else null
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
        String state,
        String error) {}
