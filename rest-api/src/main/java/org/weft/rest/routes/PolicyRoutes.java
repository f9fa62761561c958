package org.weft.rest.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.weft.net.policy.AclEntry;
import org.weft.net.policy.AclRule;
import org.weft.net.policy.AclService;
import org.weft.net.policy.PolicyException;
import org.weft.net.policy.RateLimitService;
import org.weft.rest.ApiException;
import org.weft.rest.dto.AclDto;
import org.weft.rest.dto.RateLimitDto;
import org.weft.rest.flows.SwitchCalls;

/** {@code /acls}, {@code /rate-limits} and {@code /meters}: the policy stage. */
public final class PolicyRoutes {

    /** Gap between the orders Weft gives rules posted without one. */
    static final int ORDER_STEP = 10;

    private final AclService acls;
    private final RateLimitService rateLimits;
    private final SwitchCalls calls;
    private final ObjectMapper mapper;

    /**
     * @param acls null: the ACL routes answer 503
     * @param rateLimits null: the rate-limit and meter routes answer 503
     */
    public PolicyRoutes(
            AclService acls, RateLimitService rateLimits, SwitchCalls calls, ObjectMapper mapper) {
        this.acls = acls;
        this.rateLimits = rateLimits;
        this.calls = calls;
        this.mapper = mapper;
    }

    public void register(RoutesConfig r, String base) {
        r.get(base + "/acls", this::listAcls);
        r.post(base + "/acls", this::addAcl);
        r.get(base + "/acls/{id}", this::getAcl);
        r.delete(base + "/acls/{id}", this::removeAcl);
        r.get(base + "/rate-limits", this::listLimits);
        r.post(base + "/rate-limits", this::addLimit);
        r.get(base + "/rate-limits/{id}", this::getLimit);
        r.delete(base + "/rate-limits/{id}", this::removeLimit);
        r.get(base + "/meters", this::meters);
    }

    private AclService acls() {
        return Params.available(acls, "the ACL service is");
    }

    private RateLimitService limits() {
        return Params.available(rateLimits, "the rate-limit service is");
    }

    private List<AclEntry> aclEntries() {
        return call(() -> acls().list(), "reading ACL counters");
    }

    private void listAcls(Context ctx) {
        ctx.json(aclEntries().stream().map(PolicyDtos::dto).toList());
    }

    private void getAcl(Context ctx) {
        String id = ctx.pathParam("id");
        acls().get(id).orElseThrow(() -> ApiException.notFound("no ACL rule " + id));
        AclEntry e =
                aclEntries().stream()
                        .filter(x -> x.rule().id().equals(id))
                        .findFirst()
                        .orElseThrow(() -> ApiException.notFound("no ACL rule " + id));
        ctx.json(PolicyDtos.dto(e));
    }

    private void addAcl(Context ctx) {
        AclService s = acls();
        AclDto body = Params.body(ctx, mapper, AclDto.class);
        if (body.packets() != null || body.bytes() != null) {
            throw ApiException.badRequest("packets and bytes are counted by the switches");
        }
        AclRule rule =
                refusing(
                        () -> {
                            String id = body.id() != null ? body.id() : freeId("acl-", s);
                            int order = body.order() != null ? body.order() : nextOrder(s);
                            return PolicyDtos.rule(body, id, order);
                        });
        AclRule added = call(() -> s.add(rule), "adding ACL rule " + rule.id());
        ctx.status(201).json(PolicyDtos.dto(new AclEntry(added, 0, 0)));
    }

    private static String freeId(String prefix, AclService s) {
        for (int i = 1; ; i++) {
            if (s.get(prefix + i).isEmpty()) {
                return prefix + i;
            }
        }
    }

    private static int nextOrder(AclService s) {
        int max = s.rules().stream().mapToInt(AclRule::order).max().orElse(0);
        return Math.min(AclRule.MAX_ORDER, max + ORDER_STEP);
    }

    private void removeAcl(Context ctx) {
        String id = ctx.pathParam("id");
        call(() -> acls().remove(id), "removing ACL rule " + id);
        ctx.status(204);
    }

    private void listLimits(Context ctx) {
        ctx.json(limits().list().stream().map(PolicyDtos::dto).toList());
    }

    private void getLimit(Context ctx) {
        String id = ctx.pathParam("id");
        ctx.json(
                PolicyDtos.dto(
                        limits().get(id)
                                .orElseThrow(() -> ApiException.notFound("no rate limit " + id))));
    }

    private void addLimit(Context ctx) {
        RateLimitService s = limits();
        RateLimitDto body = Params.body(ctx, mapper, RateLimitDto.class);
        if (body.dpid() != null
                || body.port() != null
                || body.meterId() != null
                || body.state() != null
                || body.detail() != null) {
            throw ApiException.badRequest("dpid, port, meterId, state and detail are set by Weft");
        }
        var limit =
                refusing(
                        () -> {
                            String id = body.id();
                            if (id == null) {
                                int i = 1;
                                while (s.get("rl-" + i).isPresent()) {
                                    i++;
                                }
                                id = "rl-" + i;
                            }
                            return PolicyDtos.limit(body, id);
                        });
        var entry = call(() -> s.add(limit), "adding rate limit " + limit.id());
        ctx.status(201).json(PolicyDtos.dto(entry));
    }

    private void removeLimit(Context ctx) {
        String id = ctx.pathParam("id");
        call(() -> limits().remove(id), "removing rate limit " + id);
        ctx.status(204);
    }

    private void meters(Context ctx) {
        ctx.json(
                call(() -> limits().meters(), "reading meters").stream()
                        .map(PolicyDtos::dto)
                        .toList());
    }

    private static <T> T refusing(Supplier<T> f) {
        try {
            return f.get();
        } catch (PolicyException e) {
            throw refusal(e);
        }
    }

    /** Runs the call, answering the service's refusals with 400/404/409/422. */
    private <T> T call(Supplier<CompletableFuture<T>> f, String what) {
        try {
            return calls.call(what, f);
        } catch (PolicyException e) {
            throw refusal(e);
        } catch (ApiException e) {
            Throwable c = e.getCause();
            if (c instanceof CompletionException ce) {
                c = ce.getCause();
            }
            if (c instanceof PolicyException pe) {
                throw refusal(pe);
            }
            throw e;
        }
    }

    private static ApiException refusal(PolicyException e) {
        return switch (e.kind()) {
            case INVALID -> ApiException.badRequest(e.getMessage(), e);
            case NOT_FOUND -> new ApiException(404, "not found", e.getMessage(), e);
            case DUPLICATE, UNSUPPORTED -> new ApiException(409, "conflict", e.getMessage(), e);
            case UNKNOWN_TARGET -> new ApiException(422, "unprocessable", e.getMessage(), e);
        };
    }
}
