package org.weft.rest.flows;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import org.weft.rest.dto.ActionDto;
import org.weft.rest.dto.MatchDto;

/**
 * A static flow as the intent store keeps it (kind {@value StaticFlowService#KIND}, one JSON
 * document per id). {@code installed}, written by earlier versions, is ignored when read.
 *
 * @param id the flow's id (null in a request not yet given one)
 * @param cookie the cookie as {@code 0x...}, for people reading the file; the id decides it
 */
@JsonIgnoreProperties(value = "installed")
public record StaticFlowRecord(
        String id,
        String dpid,
        int priority,
        MatchDto match,
        List<ActionDto> actions,
        int idleTimeout,
        int hardTimeout,
        String cookie) {

    /** This flow under an id (and the cookie it makes). */
    StaticFlowRecord withId(long newId) {
        return new StaticFlowRecord(
                Long.toString(newId),
                dpid,
                priority,
                match,
                actions,
                idleTimeout,
                hardTimeout,
                StaticFlowRules.cookieText(newId));
    }
}
