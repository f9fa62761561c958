package org.weft.net.steering;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedSet;
import java.util.List;
import java.util.Set;
import org.weft.net.Dpid;
import org.weft.net.Ip4Prefix;
import org.weft.net.Link;
import org.weft.net.flow.FlowMatch;

/**
 * What an operator asks to steer: IPv4 traffic matching the fields (null = any) onto an explicit
 * {@code path} of switches, or around the {@code avoidLinks}; exactly one of the two is given.
 *
 * @param ipv4Dst required: the destination host is looked up by this address (a /32)
 * @param ipv4Src required with {@code avoidLinks}: the path starts at the switch of this host
 * @param path switches in order, from the ingress switch to the destination host's switch
 * @param avoidLinks links the computed path must not cross (directed; a cable is both links)
 */
public record SteeringRequest(
        Ip4Prefix ipv4Src,
        Ip4Prefix ipv4Dst,
        Integer ipProto,
        Integer tcpSrc,
        Integer tcpDst,
        Integer udpSrc,
        Integer udpDst,
        List<Dpid> path,
        Set<Link> avoidLinks) {

    /** Priority of steering flows: above routes (1000 and below) and static defaults. */
    public static final int PRIORITY = 2000;

    /**
     * Checks the shape of the request.
     *
     * @throws SteeringException of kind {@link SteeringException.Kind#INVALID} with the reason
     */
    public SteeringRequest {
        path = path == null ? List.of() : ImmutableList.copyOf(path);
        avoidLinks = avoidLinks == null ? Set.of() : ImmutableSortedSet.copyOf(avoidLinks);
        try {
            checkArgument(ipv4Dst != null, "ipv4Dst is required: it names the destination host");
            checkArgument(
                    ipv4Dst.length() == 32,
                    "ipv4Dst must be one host address (a /32): %s",
                    ipv4Dst);
            checkArgument(
                    path.isEmpty() != avoidLinks.isEmpty(),
                    "give exactly one of path (switches) and avoidLinks");
            checkArgument(
                    avoidLinks.isEmpty() || (ipv4Src != null && ipv4Src.length() == 32),
                    "avoidLinks needs ipv4Src as one host address: the path starts at its switch");
            checkArgument(
                    path.stream().distinct().count() == path.size(),
                    "path visits a switch twice: %s",
                    path);
            // Port and protocol consistency is FlowMatch's to check.
            match();
        } catch (IllegalArgumentException e) {
            throw new SteeringException(SteeringException.Kind.INVALID, e.getMessage());
        }
    }

    /** True for a request pinning an explicit path. */
    public boolean isExplicitPath() {
        return !path.isEmpty();
    }

    /** The flow match of the rule's flows (ethType IPv4 plus the given fields). */
    public FlowMatch match() {
        return FlowMatch.builder()
                .ethType(FlowMatch.ETH_TYPE_IPV4)
                .ipv4Src(ipv4Src)
                .ipv4Dst(ipv4Dst)
                .ipProto(ipProto)
                .tcpSrc(tcpSrc)
                .tcpDst(tcpDst)
                .udpSrc(udpSrc)
                .udpDst(udpDst)
                .build();
    }
}
