package org.weft.rest.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.weft.net.Link;
import org.weft.net.intent.LinkWeightService;
import org.weft.net.routing.RoutingMetric;
import org.weft.net.routing.RoutingService;
import org.weft.rest.ApiException;
import org.weft.rest.RestServices;
import org.weft.rest.dto.LinkRefDto;
import org.weft.rest.dto.LinkWeightDto;
import org.weft.rest.dto.NetDtos;
import org.weft.rest.dto.RoutingDto;
import org.weft.rest.flows.SwitchCalls;

/** {@code /link-weights} (admin weights, kept durably) and {@code /routing} (the metric). */
public final class WeightRoutes {

    private final RestServices.Network network;
    private final RoutingService routing;
    private final SwitchCalls calls;
    private final ObjectMapper mapper;

    /**
     * @param network null when the network services are missing: {@code /link-weights} answers 503
     * @param routing null when routing is disabled: {@code /routing} answers 503
     */
    public WeightRoutes(
            RestServices.Network network,
            RoutingService routing,
            SwitchCalls calls,
            ObjectMapper mapper) {
        this.network = network;
        this.routing = routing;
        this.calls = calls;
        this.mapper = mapper;
    }

    public void register(RoutesConfig r, String base) {
        r.get(base + "/link-weights", this::list);
        r.post(base + "/link-weights", this::set);
        r.delete(base + "/link-weights", this::clear);
        r.get(base + "/routing", this::routing);
        r.put(base + "/routing", this::setMetric);
    }

    private LinkWeightService weights() {
        return Params.available(network, "link services are").linkWeights();
    }

    private void list(Context ctx) {
        ctx.json(
                weights().all().entrySet().stream()
                        .map(
                                e ->
                                        new LinkWeightDto(
                                                NetDtos.end(e.getKey().src()),
                                                NetDtos.end(e.getKey().dst()),
                                                e.getValue(),
                                                null))
                        .toList());
    }

    private void set(Context ctx) {
        LinkWeightService w = weights();
        LinkWeightDto req = Params.body(ctx, mapper, LinkWeightDto.class);
        Link link = knownLink(req);
        if (req.weight() == null) {
            throw ApiException.badRequest("weight is required");
        }
        boolean both = req.bothDirections() == null || req.bothDirections();
        try {
            w.set(link, req.weight(), both);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage(), e);
        }
        ctx.json(
                new LinkWeightDto(
                        NetDtos.end(link.src()), NetDtos.end(link.dst()), req.weight(), both));
    }

    private void clear(Context ctx) {
        LinkWeightService w = weights();
        LinkWeightDto req = Params.body(ctx, mapper, LinkWeightDto.class);
        if (req.weight() != null) {
            throw ApiException.badRequest("DELETE takes src, dst and bothDirections, no weight");
        }
        Link link = link(req);
        if (!w.clear(link, req.bothDirections() == null || req.bothDirections())) {
            throw ApiException.notFound("no weight set on link " + link);
        }
        ctx.status(204);
    }

    private static Link link(LinkWeightDto req) {
        try {
            return NetDtos.link(new LinkRefDto(req.src(), req.dst()), "link");
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage(), e);
        }
    }

    private Link knownLink(LinkWeightDto req) {
        Link link = link(req);
        if (network.links().getLinkInfo(link).isEmpty()) {
            throw ApiException.notFound("no link " + link + " was discovered");
        }
        return link;
    }

    private void routing(Context ctx) {
        RoutingService r = Params.available(routing, "routing is");
        ctx.json(new RoutingDto(r.metric().name(), r.routedHostCount()));
    }

    private void setMetric(Context ctx) {
        RoutingService r = Params.available(routing, "routing is");
        RoutingDto req = Params.body(ctx, mapper, RoutingDto.class);
        if (req.metric() == null) {
            throw ApiException.badRequest("metric is required");
        }
        RoutingMetric m = Params.metric(req.metric());
        calls.call("re-routing with metric " + m, () -> r.setMetric(m));
        ctx.json(new RoutingDto(r.metric().name(), r.routedHostCount()));
    }
}
