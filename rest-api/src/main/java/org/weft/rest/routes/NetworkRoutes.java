package org.weft.rest.routes;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.weft.net.Dpid;
import org.weft.net.IpAddress;
import org.weft.net.Link;
import org.weft.net.MacAddress;
import org.weft.net.host.Host;
import org.weft.net.routing.RoutingMetric;
import org.weft.net.routing.RoutingService;
import org.weft.net.stats.LinkLoad;
import org.weft.net.stats.LoadService;
import org.weft.net.topology.Path;
import org.weft.net.topology.TopologySnapshot;
import org.weft.rest.ApiException;
import org.weft.rest.RestServices;
import org.weft.rest.dto.NetDtos;
import org.weft.rest.dto.TopologyDto;

/** {@code /links}, {@code /hosts}, {@code /topology} and {@code /paths}: what core knows. */
public final class NetworkRoutes {

    /** Most paths one {@code /paths} request may ask for. */
    public static final int MAX_PATHS = 16;

    private static final Pattern MAC = Pattern.compile("(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}");

    private final Supplier<RestServices.Network> network;
    private final RoutingService routing;

    /**
     * @param network the network services, or null: every route answers 503
     * @param routing gives the default metric of {@code /paths}; may be null
     */
    public NetworkRoutes(RestServices.Network network, RoutingService routing) {
        this.network = () -> Params.available(network, "link, host and topology services");
        this.routing = routing;
    }

    public void register(RoutesConfig r, String base) {
        r.get(base + "/links", this::links);
        r.get(base + "/hosts", this::hosts);
        r.get(base + "/topology", this::topology);
        r.get(base + "/paths", this::paths);
    }

    private void links(Context ctx) {
        RestServices.Network n = network.get();
        LoadService loads = n.loads();
        Map<Link, LinkLoad> measured = loads == null ? Map.of() : loads.linkLoads();
        Set<Link> hot = loads == null ? Set.of() : loads.hotLinks();
        ctx.json(
                n.links().getLinks().entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(
                                e ->
                                        NetDtos.link(
                                                e.getKey(),
                                                e.getValue(),
                                                measured.get(e.getKey()),
                                                hot.contains(e.getKey())))
                        .toList());
    }

    private void hosts(Context ctx) {
        ctx.json(
                network.get().hosts().getHosts().stream()
                        .sorted(Comparator.comparing(h -> h.id().toString()))
                        .map(NetDtos::host)
                        .toList());
    }

    private void topology(Context ctx) {
        RestServices.Network n = network.get();
        TopologySnapshot s = n.topology().currentSnapshot();
        ctx.json(
                new TopologyDto(
                        s.version(),
                        s.switches().size(),
                        s.links().size(),
                        n.hosts().getHostCount(),
                        s.components().stream()
                                .map(
                                        c ->
                                                new TopologyDto.Component(
                                                        c.id().toString(),
                                                        NetDtos.dpids(c.switches().asList())))
                                .toList(),
                        s.treeLinks().stream().map(NetDtos::ref).toList()));
    }

    private void paths(Context ctx) {
        RestServices.Network n = network.get();
        String srcText = required(ctx, "src");
        String dstText = required(ctx, "dst");
        int k = k(ctx.queryParam("k"));
        RoutingMetric metric = metric(ctx.queryParam("metric"));
        Dpid src = endpoint(n, srcText, "src");
        Dpid dst = endpoint(n, dstText, "dst");
        TopologySnapshot s = n.topology().currentSnapshot();
        for (Dpid d : List.of(src, dst)) {
            if (!s.contains(d)) {
                throw ApiException.notFound("no switch " + d + " in the topology");
            }
        }
        List<Path> found = n.paths().getKShortestPaths(src, dst, metric.weigher(), k);
        if (found.isEmpty()) {
            throw ApiException.notFound("no path from " + src + " to " + dst);
        }
        ctx.json(found.stream().map(NetDtos::path).toList());
    }

    private static String required(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            throw ApiException.badRequest("query parameter '" + name + "' is required");
        }
        return v.strip();
    }

    private static int k(String text) {
        if (text == null) {
            return 1;
        }
        try {
            int k = Integer.parseInt(text.strip());
            if (k >= 1 && k <= MAX_PATHS) {
                return k;
            }
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("k must be a number from 1 to " + MAX_PATHS, e);
        }
        throw ApiException.badRequest("k must be a number from 1 to " + MAX_PATHS);
    }

    private RoutingMetric metric(String text) {
        if (text == null) {
            return routing == null ? RoutingMetric.HOP_COUNT : routing.metric();
        }
        return Params.metric(text);
    }

    /** A switch named directly, or the switch of the host with this MAC or IP address. */
    private static Dpid endpoint(RestServices.Network n, String text, String name) {
        Set<Host> hosts;
        try {
            if (text.contains(".") || (text.contains(":") && text.contains("::"))) {
                hosts = n.hosts().getHostsByIp(IpAddress.parse(text));
            } else if (MAC.matcher(text).matches()) {
                hosts = n.hosts().getHostsByMac(MacAddress.parse(text));
            } else {
                return Dpid.parse(text);
            }
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                    name + " '" + text + "' is not a DPID, MAC or IP address: " + e.getMessage(),
                    e);
        }
        return hosts.stream()
                .min(Comparator.comparing(h -> h.id().toString()))
                .map(h -> h.location().dpid())
                .orElseThrow(
                        () -> ApiException.notFound("no host " + text.toLowerCase(Locale.ROOT)));
    }
}
