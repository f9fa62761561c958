package org.weft.mininet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks of the running switches' flow and group tables, read with {@code ovs-ofctl} against the
 * fabric's cabling, cuts and stopped switches: entries pointing into dead ports, duplicate or
 * orphan entries, host routes that contradict the cabling.
 */
final class FlowTableChecks {
    private static final Pattern OUTPUT = Pattern.compile("output:(\\d+)");
    private static final Pattern GROUP_REF = Pattern.compile("group:(\\d+)");
    private static final Pattern GROUP_ID = Pattern.compile("group_id=(\\d+)");
    private static final Pattern PORT_DESC = Pattern.compile("^\\s*(\\d+|LOCAL)\\(([^)]*)\\):");
    private static final Pattern MATCH = Pattern.compile("priority=\\d+,?(\\S*?)\\s+actions=");
    private static final Pattern TABLE = Pattern.compile("\\btable=(\\d+)");
    private static final Pattern DL_DST = Pattern.compile("dl_dst=([0-9a-f:]{17})");

    /** Priority of the routing app's flooding rules. */
    private static final int FLOOD_PRIORITY = 10;

    private final Fabric fabric;
    private final Topology topology;
    private final MininetDriver mininet;
    private final OpenFlowVersion version;

    FlowTableChecks(Fabric fabric, MininetDriver mininet, OpenFlowVersion version) {
        this.fabric = fabric;
        this.topology = fabric.topology();
        this.mininet = mininet;
        this.version = version;
    }

    /**
     * Flow and group entries of running switches that output to a dead port: a port OVS reports
     * down (LINK_DOWN or PORT_DOWN), a port number the switch does not have, or (except for the
     * flooding rules) a port whose cable leads to a stopped switch (its veth stays up, so OVS still
     * shows it LIVE).
     */
    public List<String> deadPortEntries() {
        List<String> problems = new ArrayList<>();
        for (String sw : topology.switchNames()) {
            if (fabric.isStopped(sw)) {
                continue;
            }
            Map<Integer, Boolean> live = portLiveness(sw);
            // Ports cabled to a stopped switch stay LIVE in OVS; to the controller they look like
            // edge ports (live, no link), which flooding rightly includes. Routes must avoid them.
            Set<Integer> towardStopped = new HashSet<>();
            for (var e : fabric.portsOf(sw).entrySet()) {
                if (fabric.isStopped(e.getKey())) {
                    towardStopped.add(e.getValue());
                }
            }
            List<String> entries = new ArrayList<>(mininet.dumpFlows(sw));
            if (version != OpenFlowVersion.OF10) {
                entries.addAll(mininet.dumpGroups(sw));
            }
            for (String entry : entries) {
                Matcher m = OUTPUT.matcher(entry);
                while (m.find()) {
                    int port = Integer.parseInt(m.group(1));
                    boolean flood = entry.contains("priority=" + FLOOD_PRIORITY + ",");
                    if (!live.getOrDefault(port, false)
                            || (towardStopped.contains(port) && !flood)) {
                        problems.add(
                                sw
                                        + " port "
                                        + port
                                        + (!live.containsKey(port)
                                                ? " does not exist"
                                                : towardStopped.contains(port)
                                                        ? " leads to a stopped switch"
                                                        : " is dead")
                                        + ": "
                                        + entry.strip());
                        break;
                    }
                }
            }
        }
        return problems;
    }

    /** Port number to "usable" (neither LINK_DOWN nor PORT_DOWN), from dump-ports-desc. */
    Map<Integer, Boolean> portLiveness(String sw) {
        Map<Integer, Boolean> live = new TreeMap<>();
        Integer current = null;
        for (String line : mininet.dumpPortsDesc(sw)) {
            Matcher m = PORT_DESC.matcher(line);
            if (m.find()) {
                current = m.group(1).equals("LOCAL") ? null : Integer.valueOf(m.group(1));
                if (current != null) {
                    live.put(current, true);
                }
            } else if (current != null
                    && (line.contains("LINK_DOWN") || line.contains("PORT_DOWN"))) {
                live.put(current, false);
            }
        }
        return live;
    }

    /**
     * Duplicates and leftovers: two flows of one table with the same match (at different
     * priorities: OVS itself keeps one flow per table, priority and match), a group no flow refers
     * to, a flow referring to a missing group.
     */
    public List<String> duplicateOrOrphanEntries() {
        List<String> problems = new ArrayList<>();
        for (String sw : topology.switchNames()) {
            if (fabric.isStopped(sw)) {
                continue;
            }
            Map<String, Integer> matches = new HashMap<>();
            Set<String> referenced = new HashSet<>();
            for (String flow : mininet.dumpFlows(sw)) {
                Matcher m = MATCH.matcher(flow);
                if (m.find()) {
                    // Per table: with the policy stage, table 0 and table 1 each have a miss entry.
                    Matcher t = TABLE.matcher(flow);
                    String table = t.find() ? t.group(1) : "0";
                    matches.merge("table=" + table + " " + m.group(1), 1, Integer::sum);
                }
                Matcher g = GROUP_REF.matcher(flow);
                while (g.find()) {
                    referenced.add(g.group(1));
                }
            }
            matches.forEach(
                    (k, n) -> {
                        if (n > 1) {
                            problems.add(sw + ": " + n + " flows (priorities differ) match " + k);
                        }
                    });
            if (version != OpenFlowVersion.OF10) {
                Set<String> groups = new HashSet<>();
                for (String line : mininet.dumpGroups(sw)) {
                    Matcher g = GROUP_ID.matcher(line);
                    if (g.find()) {
                        groups.add(g.group(1));
                        if (!referenced.contains(g.group(1))) {
                            problems.add(sw + ": group " + g.group(1) + " unused: " + line.strip());
                        }
                    }
                }
                for (String ref : referenced) {
                    if (!groups.contains(ref)) {
                        problems.add(sw + ": flows refer to missing group " + ref);
                    }
                }
            }
        }
        return problems;
    }

    /**
     * Host routes that contradict the cabling: a route for a MAC that is no host, or a host's route
     * on its own edge switch that does not output to the host's port.
     */
    public List<String> misplacedHostRoutes() {
        Map<String, String> hostByMac = new HashMap<>();
        fabric.hostMacs().forEach((h, mac) -> hostByMac.put(mac, h));
        List<String> problems = new ArrayList<>();
        for (String sw : topology.switchNames()) {
            if (fabric.isStopped(sw)) {
                continue;
            }
            for (String flow : mininet.dumpFlows(sw)) {
                Matcher mac = DL_DST.matcher(flow);
                if (!mac.find()) {
                    continue;
                }
                String host = hostByMac.get(mac.group(1));
                if (host == null) {
                    problems.add(sw + ": route for a MAC that is no host: " + flow.strip());
                } else if (topology.switchOf(host).equals(sw)
                        && !flow.contains("in_port=")
                        && !flow.contains("actions=output:" + fabric.port(sw, host))) {
                    problems.add(
                            sw
                                    + ": route for "
                                    + host
                                    + " not out of port "
                                    + fabric.port(sw, host)
                                    + ": "
                                    + flow.strip());
                }
            }
        }
        return problems;
    }
}
