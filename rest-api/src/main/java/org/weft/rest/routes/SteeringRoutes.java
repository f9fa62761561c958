package org.weft.rest.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.weft.net.Dpid;
import org.weft.net.Ip4Prefix;
import org.weft.net.Link;
import org.weft.net.steering.SteeringException;
import org.weft.net.steering.SteeringRequest;
import org.weft.net.steering.SteeringRule;
import org.weft.net.steering.SteeringService;
import org.weft.rest.ApiException;
import org.weft.rest.dto.LinkRefDto;
import org.weft.rest.dto.NetDtos;
import org.weft.rest.dto.SteeringDto;
import org.weft.rest.flows.SwitchCalls;

/** {@code /steering}: traffic pinned to paths or routed around links. */
public final class SteeringRoutes {

    private final SteeringService steering;
    private final SwitchCalls calls;
    private final ObjectMapper mapper;

    /**
     * @param steering null: every route answers 503
     */
    public SteeringRoutes(SteeringService steering, SwitchCalls calls, ObjectMapper mapper) {
        this.steering = steering;
        this.calls = calls;
        this.mapper = mapper;
    }

    public void register(RoutesConfig r, String base) {
        r.get(base + "/steering", this::list);
        r.post(base + "/steering", this::add);
        r.delete(base + "/steering/{id}", this::remove);
    }

    private SteeringService service() {
        return Params.available(steering, "steering is");
    }

    private void list(Context ctx) {
        ctx.json(service().list().stream().map(SteeringRoutes::dto).toList());
    }

    private void add(Context ctx) {
        SteeringService s = service();
        SteeringDto body = Params.body(ctx, mapper, SteeringDto.class);
        if (body.id() != null || body.state() != null || body.currentPath() != null) {
            throw ApiException.badRequest("id, state and currentPath are set by Weft");
        }
        SteeringRequest req = request(body);
        SteeringRule rule = call(() -> s.add(req), "steering");
        ctx.status(201).json(dto(rule));
    }

    private void remove(Context ctx) {
        SteeringService s = service();
        String id = ctx.pathParam("id");
        call(() -> s.remove(id), "removing steering rule " + id);
        ctx.status(204);
    }

    /** Runs the call, answering the service's refusals with 400/404/422. */
    private <T> T call(java.util.function.Supplier<CompletableFuture<T>> f, String what) {
        try {
            return calls.call(what, f);
        } catch (SteeringException e) {
            throw refusal(e);
        } catch (ApiException e) {
            if (e.getCause() instanceof SteeringException se) {
                throw refusal(se);
            }
            if (e.getCause() instanceof CompletionException ce
                    && ce.getCause() instanceof SteeringException se) {
                throw refusal(se);
            }
            throw e;
        }
    }

    private static ApiException refusal(SteeringException e) {
        return switch (e.kind()) {
            case INVALID -> ApiException.badRequest(e.getMessage(), e);
            case UNKNOWN_SWITCH, UNKNOWN_LINK, UNKNOWN_RULE ->
                    new ApiException(404, "not found", e.getMessage(), e);
            case NOT_LINKED -> new ApiException(422, "unprocessable", e.getMessage(), e);
        };
    }

    private static SteeringRequest request(SteeringDto b) {
        try {
            List<Dpid> path = new ArrayList<>();
            if (b.path() != null) {
                for (String d : b.path()) {
                    path.add(Dpid.parse(d));
                }
            }
            Set<Link> avoid = new TreeSet<>();
            if (b.avoidLinks() != null) {
                for (int i = 0; i < b.avoidLinks().size(); i++) {
                    avoid.add(NetDtos.link(b.avoidLinks().get(i), "avoidLinks[" + i + "]"));
                }
            }
            return new SteeringRequest(
                    b.ipv4Src() == null ? null : Ip4Prefix.parse(b.ipv4Src()),
                    b.ipv4Dst() == null ? null : Ip4Prefix.parse(b.ipv4Dst()),
                    b.ipProto(),
                    b.tcpSrc(),
                    b.tcpDst(),
                    b.udpSrc(),
                    b.udpDst(),
                    path,
                    avoid);
        } catch (SteeringException e) {
            throw refusal(e);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage(), e);
        }
    }

    static SteeringDto dto(SteeringRule rule) {
        SteeringRequest r = rule.request();
        List<LinkRefDto> avoid = r.avoidLinks().stream().map(NetDtos::ref).toList();
        return new SteeringDto(
                rule.id(),
                r.ipv4Src() == null ? null : r.ipv4Src().toString(),
                r.ipv4Dst().toString(),
                r.ipProto(),
                r.tcpSrc(),
                r.tcpDst(),
                r.udpSrc(),
                r.udpDst(),
                r.path().isEmpty() ? null : NetDtos.dpids(r.path()),
                avoid.isEmpty() ? null : avoid,
                rule.state().name(),
                rule.detail().isEmpty() ? null : rule.detail(),
                NetDtos.dpids(rule.currentPath()));
    }
}
