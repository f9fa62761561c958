package org.weft.mininet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** An explicit fabric: switches with their DPIDs, hosts with their addresses, and cables. */
public record Topology(String name, List<Switch> switches, List<Host> hosts, List<Link> links) {

    /** An OVS bridge; {@code dpid} as a number, sent to the driver as 16 hex digits. */
    public record Switch(String name, long dpid) {}

    /** A Mininet host with an IPv4 address and prefix, e.g. {@code 10.0.0.1/24}. */
    public record Host(String name, String ip) {}

    /** A cable between two nodes (switch or host). */
    public record Link(String a, String b) {}

    public Topology {
        switches = List.copyOf(switches);
        hosts = List.copyOf(hosts);
        links = List.copyOf(links);
        Set<String> names =
                Stream.concat(switches.stream().map(Switch::name), hosts.stream().map(Host::name))
                        .collect(Collectors.toSet());
        if (names.size() != switches.size() + hosts.size()) {
            throw new IllegalArgumentException("duplicate node name in " + name);
        }
        for (Link link : links) {
            if (!names.contains(link.a()) || !names.contains(link.b())) {
                throw new IllegalArgumentException("link to unknown node in " + name + ": " + link);
            }
        }
    }

    /** Switch names in order. */
    public List<String> switchNames() {
        return switches.stream().map(Switch::name).toList();
    }

    /** The driver's {@code build} request body for this fabric. */
    Map<String, Object> toBuildRequest(OpenFlowVersion version, String controllerIp, int port) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("protocol", version.ovsName());
        request.put("controller", Map.of("ip", controllerIp, "port", port));
        request.put(
                "switches",
                switches.stream()
                        .map(
                                s ->
                                        Map.of(
                                                "name",
                                                s.name(),
                                                "dpid",
                                                String.format("%016x", s.dpid())))
                        .toList());
        request.put(
                "hosts", hosts.stream().map(h -> Map.of("name", h.name(), "ip", h.ip())).toList());
        request.put("links", links.stream().map(l -> Map.of("a", l.a(), "b", l.b())).toList());
        return request;
    }
}
