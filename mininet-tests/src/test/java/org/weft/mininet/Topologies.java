package org.weft.mininet;

import java.util.ArrayList;
import java.util.List;

/**
 * Standard fabrics. Switch {@code sN} has DPID N; host {@code hN} has 10.0.0.N/8. Hosts hang off
 * the switches in order, so test expectations can be written from the names.
 */
public final class Topologies {
    private Topologies() {}

    /** {@code n} switches in a line, one host per switch: h1-s1-s2-...-sn-hn. */
    public static Topology linear(int n) {
        if (n < 1 || n > 50) {
            throw new IllegalArgumentException("linear(n) needs 1 <= n <= 50, got " + n);
        }
        List<Topology.Switch> switches = new ArrayList<>();
        List<Topology.Host> hosts = new ArrayList<>();
        List<Topology.Link> links = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            switches.add(new Topology.Switch("s" + i, i));
            hosts.add(host(i));
            links.add(new Topology.Link("h" + i, "s" + i));
            if (i > 1) {
                links.add(new Topology.Link("s" + (i - 1), "s" + i));
            }
        }
        return new Topology("linear" + n, switches, hosts, links);
    }

    /**
     * A tree of switches {@code depth} levels deep, each inner switch with {@code fanout} children,
     * {@code fanout} hosts on each leaf switch (as Mininet's TreeTopo). tree(2, 2): s1 at the root,
     * s2 and s3 below, h1 h2 on s2, h3 h4 on s3.
     */
    public static Topology tree(int depth, int fanout) {
        if (depth < 1 || fanout < 1 || Math.pow(fanout, depth) > 64) {
            throw new IllegalArgumentException(
                    "tree too small or too big: " + depth + "x" + fanout);
        }
        List<Topology.Switch> switches = new ArrayList<>();
        List<Topology.Host> hosts = new ArrayList<>();
        List<Topology.Link> links = new ArrayList<>();
        addTree(depth, fanout, switches, hosts, links);
        return new Topology("tree" + depth + "x" + fanout, switches, hosts, links);
    }

    private static String addTree(
            int depth,
            int fanout,
            List<Topology.Switch> switches,
            List<Topology.Host> hosts,
            List<Topology.Link> links) {
        int number = switches.size() + 1;
        String name = "s" + number;
        switches.add(new Topology.Switch(name, number));
        for (int i = 0; i < fanout; i++) {
            String child;
            if (depth == 1) {
                Topology.Host host = host(hosts.size() + 1);
                hosts.add(host);
                child = host.name();
            } else {
                child = addTree(depth - 1, fanout, switches, hosts, links);
            }
            links.add(new Topology.Link(name, child));
        }
        return name;
    }

    /** {@code n} switches in a ring (a loop!), one host per switch. */
    public static Topology ring(int n) {
        if (n < 3 || n > 50) {
            throw new IllegalArgumentException("ring(n) needs 3 <= n <= 50, got " + n);
        }
        Topology line = linear(n);
        List<Topology.Link> links = new ArrayList<>(line.links());
        links.add(new Topology.Link("s" + n, "s1"));
        return new Topology("ring" + n, line.switches(), line.hosts(), links);
    }

    private static Topology.Host host(int i) {
        return new Topology.Host("h" + i, "10.0.0." + i + "/8");
    }
}
