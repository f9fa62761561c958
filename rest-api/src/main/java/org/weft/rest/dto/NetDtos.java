package org.weft.rest.dto;

import java.util.List;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.PortNumber;
import org.weft.net.host.Host;
import org.weft.net.host.HostId;
import org.weft.net.stats.LinkLoad;
import org.weft.net.topology.LinkInfo;
import org.weft.net.topology.Path;

/**
 * Conversions between core's network values and their DTOs; reading throws {@link
 * IllegalArgumentException} with the reason, which routes answer with 400.
 */
public final class NetDtos {

    private NetDtos() {}

    public static LinkEndDto end(ConnectPoint p) {
        return new LinkEndDto(p.dpid().toString(), p.port().value());
    }

    public static LinkRefDto ref(Link l) {
        return new LinkRefDto(end(l.src()), end(l.dst()));
    }

    /** The link without load (events, or no statistics). */
    public static LinkDto link(Link l, LinkInfo info) {
        return link(l, info, null, false);
    }

    /**
     * The link with its measured load.
     *
     * @param load null when not measured yet
     */
    public static LinkDto link(Link l, LinkInfo info, LinkLoad load, boolean hot) {
        return new LinkDto(
                end(l.src()),
                end(l.dst()),
                info.latency().isPresent() ? info.latency().getAsLong() / 1e6 : null,
                info.hasCapacity() ? info.capacityMbps() : null,
                Double.isInfinite(info.adminWeight()) ? null : info.adminWeight(),
                "ACTIVE",
                load == null ? null : load.bitsPerSecond(),
                load == null || load.utilisation().isEmpty()
                        ? null
                        : load.utilisation().getAsDouble(),
                hot);
    }

    public static HostDto host(Host h) {
        return new HostDto(
                h.mac().toString(),
                h.vlan() == HostId.NO_VLAN ? null : h.vlan(),
                h.ips().stream().map(Object::toString).sorted().toList(),
                end(h.location()),
                h.firstSeenMillis(),
                h.lastSeenMillis());
    }

    public static PathDto path(Path p) {
        return new PathDto(
                p.src().toString(),
                p.dst().toString(),
                p.cost(),
                p.switches().stream().map(Dpid::toString).toList(),
                p.links().stream().map(NetDtos::ref).toList());
    }

    /** A link end from JSON; both fields are required. */
    public static ConnectPoint point(LinkEndDto e, String name) {
        if (e == null || e.dpid() == null || e.port() == null) {
            throw new IllegalArgumentException(name + " needs dpid and port");
        }
        if (e.port() < 1 || e.port() > PortNumber.MAX_PHYSICAL) {
            throw new IllegalArgumentException(name + ".port " + e.port() + " is not a port");
        }
        return ConnectPoint.of(Dpid.parse(e.dpid()), PortNumber.of(e.port()));
    }

    /** A link from JSON. */
    public static Link link(LinkRefDto r, String name) {
        if (r == null) {
            throw new IllegalArgumentException(name + " needs src and dst");
        }
        return Link.of(point(r.src(), name + ".src"), point(r.dst(), name + ".dst"));
    }

    public static List<String> dpids(List<Dpid> dpids) {
        return dpids.stream().map(Dpid::toString).toList();
    }
}
