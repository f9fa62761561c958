package org.weft.intent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.Ip4Prefix;
import org.weft.net.Link;
import org.weft.net.PortNumber;
import org.weft.net.steering.SteeringRequest;

/**
 * Steering requests as intent-store documents (kind {@value #KIND}, id the rule's number): {@code
 * key=value} lines; a path is DPIDs separated by commas, avoided links are {@code
 * dpid/port>dpid/port} separated by commas.
 */
final class SteeringCodec {

    /** Intent store kind of steering rules. */
    static final String KIND = "steering";

    private SteeringCodec() {}

    static String encode(SteeringRequest r) {
        StringBuilder sb = new StringBuilder();
        line(sb, "ipv4Src", r.ipv4Src());
        line(sb, "ipv4Dst", r.ipv4Dst());
        line(sb, "ipProto", r.ipProto());
        line(sb, "tcpSrc", r.tcpSrc());
        line(sb, "tcpDst", r.tcpDst());
        line(sb, "udpSrc", r.udpSrc());
        line(sb, "udpDst", r.udpDst());
        if (!r.path().isEmpty()) {
            line(sb, "path", String.join(",", r.path().stream().map(Dpid::toString).toList()));
        }
        if (!r.avoidLinks().isEmpty()) {
            List<String> links = new ArrayList<>();
            for (Link l : r.avoidLinks()) {
                links.add(point(l.src()) + ">" + point(l.dst()));
            }
            line(sb, "avoidLinks", String.join(",", links));
        }
        return sb.toString();
    }

    /**
     * Reads a document back.
     *
     * @throws IllegalArgumentException when the document is not one this codec wrote
     */
    static SteeringRequest decode(String doc) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : doc.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("not a key=value line: " + line);
            }
            m.put(line.substring(0, eq), line.substring(eq + 1));
        }
        List<Dpid> path = new ArrayList<>();
        if (m.containsKey("path")) {
            for (String d : m.get("path").split(",")) {
                path.add(Dpid.parse(d));
            }
        }
        Set<Link> avoid = new TreeSet<>();
        if (m.containsKey("avoidLinks")) {
            for (String l : m.get("avoidLinks").split(",")) {
                String[] ends = l.split(">");
                avoid.add(Link.of(parsePoint(ends[0]), parsePoint(ends[1])));
            }
        }
        return new SteeringRequest(
                prefix(m.get("ipv4Src")),
                prefix(m.get("ipv4Dst")),
                integer(m.get("ipProto")),
                integer(m.get("tcpSrc")),
                integer(m.get("tcpDst")),
                integer(m.get("udpSrc")),
                integer(m.get("udpDst")),
                path,
                avoid);
    }

    private static void line(StringBuilder sb, String key, Object value) {
        if (value != null) {
            sb.append(key).append('=').append(value).append('\n');
        }
    }

    private static String point(ConnectPoint p) {
        return p.dpid() + "/" + p.port().value();
    }

    private static ConnectPoint parsePoint(String s) {
        int slash = s.lastIndexOf('/');
        return ConnectPoint.of(
                Dpid.parse(s.substring(0, slash)),
                PortNumber.of(Long.parseLong(s.substring(slash + 1))));
    }

    private static Ip4Prefix prefix(String s) {
        return s == null ? null : Ip4Prefix.parse(s);
    }

    private static Integer integer(String s) {
        return s == null ? null : Integer.valueOf(s);
    }
}
