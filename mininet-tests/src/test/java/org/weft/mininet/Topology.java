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

    /** The fabric's name, e.g. {@code ring6} (test display names use it). */
    @Override
    public String toString() {
        return name;
    }

    /** Switch names in order. */
    public List<String> switchNames() {
        return switches.stream().map(Switch::name).toList();
    }

    /** Host names in order. */
    public List<String> hostNames() {
        return hosts.stream().map(Host::name).toList();
    }

    /** Whether {@code name} is a switch of this fabric. */
    public boolean isSwitch(String name) {
        return switches.stream().anyMatch(s -> s.name().equals(name));
    }

    /** Cables between two switches. */
    public List<Link> switchLinks() {
        return links.stream().filter(l -> isSwitch(l.a()) && isSwitch(l.b())).toList();
    }

    /** The switch a host is cabled to. */
    public String switchOf(String host) {
        return links.stream()
                .filter(l -> l.a().equals(host) || l.b().equals(host))
                .map(l -> l.a().equals(host) ? l.b() : l.a())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no cable to " + host));
    }

    /** Every ordered pair of distinct hosts, as {@code [src, dst]}. */
    public List<List<String>> allHostPairs() {
        List<List<String>> pairs = new java.util.ArrayList<>();
        for (String a : hostNames()) {
            for (String b : hostNames()) {
                if (!a.equals(b)) {
                    pairs.add(List.of(a, b));
                }
            }
        }
        return pairs;
    }

    /**
     * Ordered host pairs that still have a physical path when the cables {@code downLinks} are cut
     * and the switches {@code downSwitches} are stopped.
     */
    public List<List<String>> connectedHostPairs(Set<Link> downLinks, Set<String> downSwitches) {
        Map<String, String> parent = new LinkedHashMap<>();
        for (String n : switchNames()) {
            parent.put(n, n);
        }
        for (String n : hostNames()) {
            parent.put(n, n);
        }
        for (Link l : links) {
            if (downLinks.contains(l)
                    || downSwitches.contains(l.a())
                    || downSwitches.contains(l.b())) {
                continue;
            }
            parent.put(find(parent, l.a()), find(parent, l.b()));
        }
        return allHostPairs().stream()
                .filter(p -> find(parent, p.get(0)).equals(find(parent, p.get(1))))
                .toList();
    }

    private static String find(Map<String, String> parent, String n) {
        while (!parent.get(n).equals(n)) {
            n = parent.get(n);
        }
        return n;
    }

    /** The driver's {@code build} request body for this fabric. */
    Map<String, Object> toBuildRequest(OpenFlowVersion version, String controllerIp, int port) {
        return toBuildRequest(version, controllerIp, port, true);
    }

    /** As above; {@code quietHosts} false lets hosts send IPv6 chatter from the start. */
    Map<String, Object> toBuildRequest(
            OpenFlowVersion version, String controllerIp, int port, boolean quietHosts) {
        return toBuildRequest(version, controllerIp, List.of(port), quietHosts);
    }

    /** As above, with every switch connected to a controller on each of {@code ports}. */
    Map<String, Object> toBuildRequest(
            OpenFlowVersion version, String controllerIp, List<Integer> ports, boolean quietHosts) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("quiet_hosts", quietHosts);
        request.put("protocol", version.ovsName());
        request.put("controller", Map.of("ip", controllerIp, "port", ports.get(0)));
        request.put(
                "more_controllers",
                ports.subList(1, ports.size()).stream()
                        .map(p -> Map.of("ip", controllerIp, "port", p))
                        .toList());
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
