package org.weft.rest.flows;

import java.util.List;
import java.util.Optional;
import org.weft.net.Dpid;
import org.weft.net.flow.FlowRule;
import org.weft.net.intent.StaticFlow;
import org.weft.net.intent.StaticFlowException;
import org.weft.net.intent.StaticFlowService;
import org.weft.rest.ApiException;
import org.weft.rest.dto.FlowDtos;
import org.weft.rest.dto.StaticFlowDto;
import org.weft.rest.dto.StaticFlowRequest;

/**
 * {@code /flows} requests for static flows as calls of the {@link StaticFlowService}: bodies become
 * flow rules, flows become {@link StaticFlowDto}s, the service's errors become the API's (see
 * docs/rest-api.md), and every wait for a switch takes a place in {@link SwitchCalls}.
 */
public final class StaticFlowRequests {

    private final StaticFlowService service;
    private final SwitchCalls calls;

    public StaticFlowRequests(StaticFlowService service, SwitchCalls calls) {
        this.service = service;
        this.calls = calls;
    }

    /** Every static flow, by id. */
    public List<StaticFlowDto> list() {
        return service.list().stream().map(StaticFlowRequests::dto).toList();
    }

    public Optional<StaticFlowDto> get(String id) {
        return service.get(id).map(StaticFlowRequests::dto);
    }

    /** The id of the static flow a cookie belongs to, if it is one. */
    public Optional<String> idOfCookie(long cookie) {
        return service.idOfCookie(cookie).map(id -> Long.toString(id));
    }

    /**
     * Validates and records a static flow, sends it and waits for its barrier.
     *
     * @throws ApiException 400 for an impossible flow; 409 when its switch is not connected or
     *     another static flow has the same switch, priority and match; 422 when it names a port the
     *     switch lacks or the switch rejects it; 429 when too many requests wait for switches; 504
     *     when the switch does not confirm it in time. On every error the flow is not kept. In a
     *     cluster, through an instance that does not master the switch, the flow is recorded and
     *     returned {@code PENDING} (answered 202): the master installs it.
     */
    public StaticFlowDto add(StaticFlowRequest req) {
        FlowRule rule;
        try {
            rule = rule(req);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage(), e);
        }
        try {
            return dto(service.add(rule, calls));
        } catch (StaticFlowException e) {
            throw error(e);
        }
    }

    /**
     * Deletes a static flow.
     *
     * @throws ApiException 404 for an unknown id; 429 when too many requests wait for switches; 502
     *     when the switch rejected the removal and 504 when it did not confirm it in time (the
     *     deletion is recorded either way, and reconciliation removes the flow)
     */
    public void remove(String id) {
        try {
            service.remove(id, calls);
        } catch (StaticFlowException e) {
            throw error(e);
        }
    }

    /** The rule a request asks for (its cookie is the service's to set). */
    static FlowRule rule(StaticFlowRequest req) {
        if (req.dpid() == null || req.priority() == null) {
            throw new IllegalArgumentException("dpid and priority are required");
        }
        return FlowRule.builder(Dpid.parse(req.dpid()))
                .priority(req.priority())
                .match(FlowDtos.match(req.match()))
                .actions(FlowDtos.actions(req.actions()))
                .idleTimeout(req.idleTimeout() == null ? 0 : req.idleTimeout())
                .hardTimeout(req.hardTimeout() == null ? 0 : req.hardTimeout())
                .build();
    }

    static StaticFlowDto dto(StaticFlow f) {
        FlowRule r = f.rule();
        return new StaticFlowDto(
                Long.toString(f.id()),
                r.dpid().toString(),
                r.priority(),
                FlowDtos.matchDto(r.match()),
                FlowDtos.actionDtos(r.actions()),
                r.idleTimeout(),
                r.hardTimeout(),
                String.format("0x%016x", r.cookie()),
                f.state().name(),
                f.error());
    }

    /** The API's answer to one of the service's errors; the detail is the service's message. */
    static ApiException error(StaticFlowException e) {
        String detail = e.getMessage();
        return switch (e.kind()) {
            case INVALID -> new ApiException(400, "bad request", detail, e);
            case NOT_FOUND -> new ApiException(404, "not found", detail, e);
            case SWITCH_NOT_CONNECTED -> new ApiException(409, "switch not connected", detail, e);
            case DUPLICATE, DELETED -> new ApiException(409, "conflict", detail, e);
            case NO_SUCH_PORT -> new ApiException(422, "unprocessable", detail, e);
            case REJECTED -> new ApiException(422, "switch rejected", detail, e);
            case UNSUPPORTED -> new ApiException(422, "unsupported", detail, e);
            case TIMEOUT -> new ApiException(504, "switch timeout", detail, e);
            case INTERRUPTED -> new ApiException(503, "interrupted", detail, e);
            case FAILED -> new ApiException(500, "internal error", detail, e);
                // The intent store (a disk, or ZooKeeper in a cluster) could not keep it: try
                // again.
            case STORE_FAILED -> new ApiException(503, "store unavailable", detail, e);
            case NOT_REMOVED -> notRemoved(e);
        };
    }

    /** 504 when the switch did not answer the removal in time, else 502 with the cause's error. */
    private static ApiException notRemoved(StaticFlowException e) {
        if (!(e.getCause() instanceof StaticFlowException why)) {
            return new ApiException(502, "switch failed", e.getMessage(), e);
        }
        ApiException cause = error(why);
        int status = why.kind() == StaticFlowException.Kind.TIMEOUT ? 504 : 502;
        return new ApiException(status, cause.error(), e.getMessage(), e);
    }
}
