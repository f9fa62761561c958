package org.weft.mininet;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A built fabric as OVS shows it: which port of a switch faces which neighbour, which cables the
 * test cut and which switches it stopped (so which host pairs must still reach each other), and
 * checks read from {@code ovs-ofctl}: entries pointing into dead ports, duplicate or orphan entries
 * ({@link FlowTableChecks}), port counters. Everything is checked through OVS and traffic, not
 * through the controller.
 */
public final class Fabric {
    private static final Pattern PORT_STATS =
            Pattern.compile("^\\s*port\\s+(\\S+): rx pkts=(\\d+)");
    private static final Pattern TX_STATS = Pattern.compile("^\\s*tx pkts=(\\d+)");
    private static final Pattern DL_DST = Pattern.compile("dl_dst=([0-9a-f:]{17})");

    private final MininetDriver mininet;
    private final Topology topology;

    /** switch -> neighbour -> port on the switch. */
    private final Map<String, Map<String, Integer>> portToward = new HashMap<>();

    private final Set<Topology.Link> downLinks = new HashSet<>();
    private final Set<String> downSwitches = new HashSet<>();

    /** host name -> MAC, as Mininet assigned them. */
    private final Map<String, String> hostMacs = new TreeMap<>();

    private final FlowTableChecks checks;

    /** {@code built} is the driver's answer to build: links with ports, hosts with MACs. */
    Fabric(MininetDriver mininet, Topology topology, OpenFlowVersion version, JsonNode built) {
        this.mininet = mininet;
        this.topology = topology;
        built.path("hosts")
                .forEach(h -> hostMacs.put(h.path("name").asText(), h.path("mac").asText()));
        for (JsonNode l : built.path("links")) {
            String a = l.path("a").asText();
            String b = l.path("b").asText();
            if (topology.isSwitch(a)) {
                portToward
                        .computeIfAbsent(a, k -> new HashMap<>())
                        .put(b, l.path("a_port").asInt());
            }
            if (topology.isSwitch(b)) {
                portToward
                        .computeIfAbsent(b, k -> new HashMap<>())
                        .put(a, l.path("b_port").asInt());
            }
        }
        this.checks = new FlowTableChecks(this, mininet, version);
    }

    public Topology topology() {
        return topology;
    }

    /** The OpenFlow port of switch {@code sw} whose cable leads to {@code neighbour}. */
    public int port(String sw, String neighbour) {
        Integer port = portToward.getOrDefault(sw, Map.of()).get(neighbour);
        if (port == null) {
            throw new IllegalArgumentException(sw + " has no cable to " + neighbour);
        }
        return port;
    }

    /** Cuts the cable between {@code a} and {@code b} (both interfaces down). */
    public void cut(String a, String b) {
        mininet.link(a, b, false);
        downLinks.add(link(a, b));
    }

    /** Plugs the cable between {@code a} and {@code b} back in. */
    public void restore(String a, String b) {
        mininet.link(a, b, true);
        downLinks.remove(link(a, b));
    }

    public boolean isCut(Topology.Link link) {
        return downLinks.contains(link);
    }

    /** Removes switch {@code sw}'s bridge (its neighbours' ports stay up: veth peers). */
    public void stopSwitch(String sw) {
        mininet.switchStop(sw);
        downSwitches.add(sw);
    }

    public void startSwitch(String sw) {
        mininet.switchStart(sw);
        downSwitches.remove(sw);
    }

    /** Whether the test stopped switch {@code sw}. */
    boolean isStopped(String sw) {
        return downSwitches.contains(sw);
    }

    /** Neighbour to the port of {@code sw} whose cable leads to it. */
    Map<String, Integer> portsOf(String sw) {
        return portToward.getOrDefault(sw, Map.of());
    }

    /** Host name to MAC, as Mininet assigned them. */
    Map<String, String> hostMacs() {
        return hostMacs;
    }

    public Set<String> stoppedSwitches() {
        return Set.copyOf(downSwitches);
    }

    public Set<Topology.Link> cutLinks() {
        return Set.copyOf(downLinks);
    }

    private Topology.Link link(String a, String b) {
        for (Topology.Link l : topology.links()) {
            if ((l.a().equals(a) && l.b().equals(b)) || (l.a().equals(b) && l.b().equals(a))) {
                return l;
            }
        }
        throw new IllegalArgumentException("no cable between " + a + " and " + b);
    }

    /** Host pairs that have a physical path with the current cuts and stopped switches. */
    public List<List<String>> connectedPairs() {
        return topology.connectedHostPairs(downLinks, downSwitches);
    }

    /** Pings every pair once; the pairs that did not get their answer. */
    public List<PairResult> unreachable(List<List<String>> pairs) {
        return mininet.pingSet(pairs, 1).stream().filter(r -> !r.reached()).toList();
    }

    /**
     * Polls until one round of pings reaches every pair of {@code pairs} (0% loss in that round);
     * fails with the pairs of the last round that did not reach.
     */
    public void awaitAllReach(List<List<String>> pairs, Duration timeout, String context) {
        AtomicReference<List<PairResult>> last = new AtomicReference<>(List.of());
        Wait.until(
                pairs.size() + " host pairs reach each other in one round (" + context + ")",
                timeout,
                () -> {
                    last.set(unreachable(pairs));
                    return last.get().isEmpty();
                },
                () -> last.get().size() + " unreachable: " + last.get());
    }

    /** Polls until no running switch holds a flow or group entry that outputs to a dead port. */
    public void awaitNoDeadPortEntries(Duration timeout, String context) {
        AtomicReference<List<String>> last = new AtomicReference<>(List.of());
        Wait.until(
                "no switch holds an entry pointing into a dead port (" + context + ")",
                timeout,
                () -> {
                    last.set(deadPortEntries());
                    return last.get().isEmpty();
                },
                () -> String.join("\n", last.get()));
    }

    /**
     * Flow and group entries of running switches that output to a dead port ({@link
     * FlowTableChecks#deadPortEntries}).
     */
    public List<String> deadPortEntries() {
        return checks.deadPortEntries();
    }

    /** Port (number or LOCAL) to {rx packets, tx packets}, from dump-ports. */
    public Map<String, long[]> portCounters(String sw) {
        Map<String, long[]> counters = new LinkedHashMap<>();
        String current = null;
        for (String line : mininet.dumpPorts(sw)) {
            Matcher m = PORT_STATS.matcher(line);
            Matcher tx = TX_STATS.matcher(line);
            if (m.find()) {
                current = m.group(1);
                counters.put(current, new long[] {Long.parseLong(m.group(2)), 0});
            } else if (current != null && tx.find()) {
                counters.get(current)[1] = Long.parseLong(tx.group(1));
            }
        }
        return counters;
    }

    /** Packets sent out of {@code sw}'s port {@code port}. */
    public long txPackets(String sw, int port) {
        long[] c = portCounters(sw).get(Integer.toString(port));
        return c == null ? 0 : c[1];
    }

    /** Packets sent out of every port of every running switch, added up. */
    public long totalTxPackets() {
        long total = 0;
        for (String sw : topology.switchNames()) {
            if (!downSwitches.contains(sw)) {
                for (long[] c : portCounters(sw).values()) {
                    total += c[1];
                }
            }
        }
        return total;
    }

    /** Number of switch ports that carry a cable to another switch (LLDP goes out of each). */
    public int interSwitchPorts() {
        return topology.switchLinks().size() * 2;
    }

    /**
     * Two flows with the same match, a group no flow refers to, a flow referring to a missing group
     * ({@link FlowTableChecks#duplicateOrOrphanEntries}).
     */
    public List<String> duplicateOrOrphanEntries() {
        return checks.duplicateOrOrphanEntries();
    }

    /** Host routes that contradict the cabling ({@link FlowTableChecks#misplacedHostRoutes}). */
    public List<String> misplacedHostRoutes() {
        return checks.misplacedHostRoutes();
    }

    /**
     * Every host sends one ARP request, then polls until every running switch holds one route per
     * host: host-to-host traffic then starts with all routes in place. (Traffic to destinations
     * whose routes are still being installed is {@code StartupRaceTest}'s subject.)
     */
    public void announceHosts(Duration timeout) {
        AtomicReference<Map<String, Integer>> seen = new AtomicReference<>(Map.of());
        mininet.announce(topology.hostNames());
        Wait.until(
                "every switch holds a route to each of the " + hostMacs.size() + " hosts",
                timeout,
                () -> {
                    seen.set(hostFlowCounts());
                    return seen.get().values().stream().allMatch(n -> n == hostMacs.size());
                },
                seen::get);
    }

    /**
     * Main host-route flows (a {@code dl_dst} match without {@code in_port}) per running switch;
     * per-ingress-port variants (local protection's U-turn rules) are not counted.
     */
    public Map<String, Integer> hostFlowCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (String sw : topology.switchNames()) {
            if (!downSwitches.contains(sw)) {
                counts.put(
                        sw,
                        (int)
                                mininet.dumpFlows(sw).stream()
                                        .filter(f -> DL_DST.matcher(f).find())
                                        .filter(f -> !f.contains("in_port="))
                                        .count());
            }
        }
        return counts;
    }

    /** Flooding rules (priority 10, one per tree port) on all running switches together. */
    public int floodRuleCount() {
        int n = 0;
        for (String sw : topology.switchNames()) {
            if (!downSwitches.contains(sw)) {
                n +=
                        (int)
                                mininet.dumpFlows(sw).stream()
                                        .filter(f -> f.contains("priority=10,in_port="))
                                        .count();
            }
        }
        return n;
    }

    /**
     * Polls until the flooding rules form a spanning tree of the whole (uncut) fabric: two rules
     * per tree cable, so 2 * (switches - 1). Proof that every link was discovered.
     */
    public void awaitSpanningTree(Duration timeout, String context) {
        int expected = 2 * (topology.switches().size() - 1);
        AtomicReference<Integer> seen = new AtomicReference<>(0);
        Wait.until(
                "flooding rules span all "
                        + topology.switches().size()
                        + " switches ("
                        + context
                        + ")",
                timeout,
                () -> {
                    seen.set(floodRuleCount());
                    return seen.get() == expected;
                },
                () -> seen.get() + " flooding rules, expected " + expected);
    }

    /** Whether OVS shows the controller connected on every running switch. */
    public boolean allConnected() {
        Map<String, Boolean> connected = mininet.controllersConnected();
        return topology.switchNames().stream()
                .filter(s -> !downSwitches.contains(s))
                .allMatch(s -> connected.getOrDefault(s, false));
    }

    /** Polls until every running switch shows the controller connected. */
    public void awaitConnected(Duration timeout, String context) {
        AtomicReference<Map<String, Boolean>> seen = new AtomicReference<>(Map.of());
        Wait.until(
                "every switch shows the controller connected (" + context + ")",
                timeout,
                () -> {
                    seen.set(mininet.controllersConnected());
                    return topology.switchNames().stream()
                            .filter(s -> !downSwitches.contains(s))
                            .allMatch(s -> seen.get().getOrDefault(s, false));
                },
                seen::get);
    }
}
