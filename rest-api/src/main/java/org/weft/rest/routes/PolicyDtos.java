package org.weft.rest.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.util.Locale;
import org.weft.net.Ip4Address;
import org.weft.net.Ip4Prefix;
import org.weft.net.MacAddress;
import org.weft.net.PortNumber;
import org.weft.net.policy.AclEntry;
import org.weft.net.policy.AclRule;
import org.weft.net.policy.MeterEntry;
import org.weft.net.policy.PolicyException;
import org.weft.net.policy.PolicyMatch;
import org.weft.net.policy.RateLimit;
import org.weft.net.policy.RateLimitEntry;
import org.weft.rest.dto.AclDto;
import org.weft.rest.dto.MeterDto;
import org.weft.rest.dto.RateLimitDto;

/** ACL rules, rate limits and meters between their DTOs and core values. */
final class PolicyDtos {

    private PolicyDtos() {}

    /**
     * @throws PolicyException INVALID for a malformed field
     */
    static AclRule rule(AclDto b, String id, int order) {
        if (b.action() == null) {
            throw invalid("action is required: allow or deny");
        }
        AclRule.Action action;
        try {
            action = AclRule.Action.valueOf(b.action().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("action '" + b.action() + "' is neither allow nor deny");
        }
        PolicyMatch m =
                new PolicyMatch(
                        b.inPort() == null ? null : port(b.inPort()),
                        mac(b.ethSrc(), "ethSrc"),
                        mac(b.ethDst(), "ethDst"),
                        prefix(b.ipv4Src(), "ipv4Src"),
                        prefix(b.ipv4Dst(), "ipv4Dst"),
                        proto(b.ipProto()),
                        b.tcpSrc(),
                        b.tcpDst(),
                        b.udpSrc(),
                        b.udpDst());
        return new AclRule(id, action, order, m);
    }

    static AclDto dto(AclEntry e) {
        AclRule r = e.rule();
        PolicyMatch m = r.match();
        return new AclDto(
                r.id(),
                r.action().name().toLowerCase(Locale.ROOT),
                r.order(),
                m.inPort() == null ? null : m.inPort().value(),
                str(m.ethSrc()),
                str(m.ethDst()),
                str(m.ipv4Src()),
                str(m.ipv4Dst()),
                m.ipProto() == null ? null : IntNode.valueOf(m.ipProto()),
                m.tcpSrc(),
                m.tcpDst(),
                m.udpSrc(),
                m.udpDst(),
                e.packets(),
                e.bytes());
    }

    static RateLimit limit(RateLimitDto b, String id) {
        if (b.rateKbps() == null) {
            throw invalid("rateKbps is required");
        }
        PolicyMatch m =
                new PolicyMatch(
                        null,
                        null,
                        null,
                        prefix(b.ipv4Src(), "ipv4Src"),
                        prefix(b.ipv4Dst(), "ipv4Dst"),
                        proto(b.ipProto()),
                        b.tcpSrc(),
                        b.tcpDst(),
                        b.udpSrc(),
                        b.udpDst());
        Ip4Address ip;
        try {
            ip = b.hostIp() == null ? null : Ip4Address.parse(b.hostIp());
        } catch (IllegalArgumentException e) {
            throw invalid("hostIp: " + e.getMessage());
        }
        return new RateLimit(
                id,
                mac(b.hostMac(), "hostMac"),
                ip,
                m,
                b.rateKbps(),
                b.burstKb() == null ? 0 : b.burstKb());
    }

    static RateLimitDto dto(RateLimitEntry e) {
        RateLimit l = e.limit();
        PolicyMatch m = l.match();
        return new RateLimitDto(
                l.id(),
                str(l.hostMac()),
                str(l.hostIp()),
                str(m.ipv4Src()),
                str(m.ipv4Dst()),
                m.ipProto() == null ? null : IntNode.valueOf(m.ipProto()),
                m.tcpSrc(),
                m.tcpDst(),
                m.udpSrc(),
                m.udpDst(),
                l.rateKbps(),
                l.burstKb(),
                e.location() == null ? null : e.location().dpid().toString(),
                e.location() == null ? null : e.location().port().value(),
                e.meterId(),
                e.state(),
                e.detail() == null || e.detail().isEmpty() ? null : e.detail());
    }

    static MeterDto dto(MeterEntry e) {
        var s = e.stats();
        return new MeterDto(
                e.dpid().toString(),
                s.meterId(),
                e.rateLimitId(),
                s.flowCount(),
                s.packetsIn(),
                s.bytesIn(),
                s.bandPackets(),
                s.bandBytes(),
                s.durationSec());
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static PortNumber port(long p) {
        if (p < 1 || p > PortNumber.MAX_PHYSICAL) {
            throw invalid("inPort " + p + " is not a physical port");
        }
        return PortNumber.of(p);
    }

    private static MacAddress mac(String text, String field) {
        try {
            return text == null ? null : MacAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw invalid(field + ": " + e.getMessage());
        }
    }

    private static Ip4Prefix prefix(String text, String field) {
        try {
            return text == null ? null : Ip4Prefix.parse(text);
        } catch (IllegalArgumentException e) {
            throw invalid(field + ": " + e.getMessage());
        }
    }

    /** A protocol number, or tcp, udp, icmp. */
    private static Integer proto(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isInt()) {
            return n.intValue();
        }
        if (n.isTextual()) {
            return switch (n.textValue().toLowerCase(Locale.ROOT)) {
                case "tcp" -> 6;
                case "udp" -> 17;
                case "icmp" -> 1;
                default ->
                        throw invalid(
                                "ipProto '" + n.textValue() + "': use a number or tcp, udp, icmp");
            };
        }
        throw invalid("ipProto must be a number or tcp, udp, icmp");
    }

    private static PolicyException invalid(String reason) {
        return new PolicyException(PolicyException.Kind.INVALID, reason);
    }
}
