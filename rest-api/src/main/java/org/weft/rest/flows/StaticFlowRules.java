package org.weft.rest.flows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.weft.net.Dpid;
import org.weft.net.flow.Cookies;
import org.weft.net.flow.FlowRule;
import org.weft.rest.dto.FlowDtos;
import org.weft.rest.dto.StaticFlowRequest;

/** Turns requests and stored records into flow rules, refusing impossible ones. */
final class StaticFlowRules {

    /** Largest id a cookie's low 48 bits hold. */
    static final long MAX_ID = 0xffffffffffffL;

    private StaticFlowRules() {}

    /**
     * The flow a request asks for, normalized, without an id yet.
     *
     * @throws IllegalArgumentException saying what is impossible
     */
    static StaticFlowRecord fromRequest(StaticFlowRequest req) {
        if (req.dpid() == null || req.priority() == null) {
            throw new IllegalArgumentException("dpid and priority are required");
        }
        Dpid dpid = Dpid.parse(req.dpid());
        FlowRule rule =
                FlowRule.builder(dpid)
                        .priority(req.priority())
                        .match(FlowDtos.match(req.match()))
                        .actions(FlowDtos.actions(req.actions()))
                        .idleTimeout(req.idleTimeout() == null ? 0 : req.idleTimeout())
                        .hardTimeout(req.hardTimeout() == null ? 0 : req.hardTimeout())
                        .cookie(Cookies.make(StaticFlowService.APP_ID, 0))
                        .build();
        return new StaticFlowRecord(
                null,
                dpid.toString(),
                rule.priority(),
                FlowDtos.matchDto(rule.match()),
                FlowDtos.actionDtos(rule.actions()),
                rule.idleTimeout(),
                rule.hardTimeout(),
                null);
    }

    /**
     * The rule of a record that has an id.
     *
     * @throws IllegalArgumentException when the record is not a possible flow
     */
    static FlowRule rule(StaticFlowRecord r) {
        return FlowRule.builder(Dpid.parse(r.dpid()))
                .priority(r.priority())
                .match(FlowDtos.match(r.match()))
                .actions(FlowDtos.actions(r.actions()))
                .idleTimeout(r.idleTimeout())
                .hardTimeout(r.hardTimeout())
                .cookie(Cookies.make(StaticFlowService.APP_ID, parseId(r.id())))
                .build();
    }

    /**
     * A stored document as a flow.
     *
     * @throws IllegalArgumentException saying why it cannot be one
     */
    static StaticFlow parse(ObjectMapper mapper, String key, String json) {
        StaticFlowRecord r;
        try {
            r = mapper.readValue(json, StaticFlowRecord.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a static flow: " + e.getOriginalMessage(), e);
        }
        if (r == null || !key.equals(r.id())) {
            throw new IllegalArgumentException(
                    "its id " + (r == null ? null : r.id()) + " is not its key " + key);
        }
        return StaticFlow.loaded(parseId(key), r, rule(r));
    }

    /**
     * A static flow id.
     *
     * @throws IllegalArgumentException when the text is not one
     */
    static long parseId(String text) {
        if (text == null || !text.matches("[0-9]{1,15}")) {
            throw new IllegalArgumentException("'" + text + "' is not a static flow id");
        }
        long id = Long.parseLong(text);
        if (id < 1 || id > MAX_ID) {
            throw new IllegalArgumentException("static flow id " + id + " out of 1.." + MAX_ID);
        }
        return id;
    }

    static String cookieText(long id) {
        return String.format("0x%016x", Cookies.make(StaticFlowService.APP_ID, id));
    }
}
