package org.weft.rest.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.weft.net.Link;
import org.weft.net.intent.LinkCapacityService;
import org.weft.rest.ApiException;
import org.weft.rest.RestServices;
import org.weft.rest.dto.LinkCapacityDto;
import org.weft.rest.dto.LinkRefDto;
import org.weft.rest.dto.NetDtos;

/**
 * {@code /link-capacities}: capacities operators give links in place of their port speeds (kept
 * durably), which utilisation and the {@code INVERSE_CAPACITY} metric use.
 */
public final class CapacityRoutes {

    private final RestServices.Network network;
    private final ObjectMapper mapper;

    /**
     * @param network null, or without capacity service: {@code /link-capacities} answers 503
     */
    public CapacityRoutes(RestServices.Network network, ObjectMapper mapper) {
        this.network = network;
        this.mapper = mapper;
    }

    public void register(RoutesConfig r, String base) {
        r.get(base + "/link-capacities", this::list);
        r.post(base + "/link-capacities", this::set);
        r.delete(base + "/link-capacities", this::clear);
    }

    private LinkCapacityService capacities() {
        RestServices.Network n = Params.available(network, "link services are");
        return Params.available(n.linkCapacities(), "link capacities are");
    }

    private void list(Context ctx) {
        ctx.json(
                capacities().all().entrySet().stream()
                        .map(
                                e ->
                                        new LinkCapacityDto(
                                                NetDtos.end(e.getKey().src()),
                                                NetDtos.end(e.getKey().dst()),
                                                e.getValue(),
                                                null))
                        .toList());
    }

    private void set(Context ctx) {
        LinkCapacityService c = capacities();
        LinkCapacityDto req = Params.body(ctx, mapper, LinkCapacityDto.class);
        Link link = link(req);
        if (req.capacityMbps() == null) {
            throw ApiException.badRequest("capacityMbps is required");
        }
        if (network.links().getLinkInfo(link).isEmpty()) {
            throw ApiException.notFound("no link " + link + " was discovered");
        }
        boolean both = req.bothDirections() == null || req.bothDirections();
        try {
            c.set(link, req.capacityMbps(), both);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage(), e);
        }
        ctx.json(
                new LinkCapacityDto(
                        NetDtos.end(link.src()),
                        NetDtos.end(link.dst()),
                        req.capacityMbps(),
                        both));
    }

    private void clear(Context ctx) {
        LinkCapacityService c = capacities();
        LinkCapacityDto req = Params.body(ctx, mapper, LinkCapacityDto.class);
        if (req.capacityMbps() != null) {
            throw ApiException.badRequest(
                    "DELETE takes src, dst and bothDirections, no capacityMbps");
        }
        Link link = link(req);
        if (!c.clear(link, req.bothDirections() == null || req.bothDirections())) {
            throw ApiException.notFound("no capacity set on link " + link);
        }
        ctx.status(204);
    }

    private static Link link(LinkCapacityDto req) {
        try {
            return NetDtos.link(new LinkRefDto(req.src(), req.dst()), "link");
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage(), e);
        }
    }
}
