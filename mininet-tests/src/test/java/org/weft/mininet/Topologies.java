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

    /**
     * Leaf-spine: spines s1..s{spines} (DPIDs 1..), leaves after them, every leaf cabled to every
     * spine, {@code hostsPerLeaf} hosts on each leaf in order. leafSpine(2, 4, 2): spines s1 s2,
     * leaves s3..s6, h1 h2 on s3, ..., h7 h8 on s6.
     */
    public static Topology leafSpine(int spines, int leaves, int hostsPerLeaf) {
        if (spines < 1 || leaves < 1 || hostsPerLeaf < 1 || leaves * hostsPerLeaf > 64) {
            throw new IllegalArgumentException("bad leaf-spine " + spines + "x" + leaves);
        }
        List<Topology.Switch> switches = new ArrayList<>();
        List<Topology.Host> hosts = new ArrayList<>();
        List<Topology.Link> links = new ArrayList<>();
        for (int i = 1; i <= spines + leaves; i++) {
            switches.add(new Topology.Switch("s" + i, i));
        }
        for (int leaf = spines + 1; leaf <= spines + leaves; leaf++) {
            for (int spine = 1; spine <= spines; spine++) {
                links.add(new Topology.Link("s" + spine, "s" + leaf));
            }
            for (int k = 0; k < hostsPerLeaf; k++) {
                Topology.Host h = host(hosts.size() + 1);
                hosts.add(h);
                links.add(new Topology.Link(h.name(), "s" + leaf));
            }
        }
        return new Topology("leafspine" + spines + "x" + leaves, switches, hosts, links);
    }

    /** Core switches of {@link #fatTree4()}. */
    public static final List<String> FAT_TREE_CORES = List.of("s1", "s2", "s3", "s4");

    /**
     * The k=4 fat tree: 4 core switches s1..s4, 8 aggregation switches s5..s12 (pod p has s(5+2p)
     * and s(6+2p)), 8 edge switches s13..s20 (pod p has s(13+2p) and s(14+2p)), 2 hosts per edge
     * switch (h1 h2 on s13, ..., h15 h16 on s20): 20 switches, 16 hosts, 32 switch cables. The
     * first aggregation switch of each pod is cabled to cores s1 s2, the second to s3 s4.
     */
    public static Topology fatTree4() {
        List<Topology.Switch> switches = new ArrayList<>();
        List<Topology.Host> hosts = new ArrayList<>();
        List<Topology.Link> links = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            switches.add(new Topology.Switch("s" + i, i));
        }
        for (int pod = 0; pod < 4; pod++) {
            int[] aggs = {5 + 2 * pod, 6 + 2 * pod};
            int[] edges = {13 + 2 * pod, 14 + 2 * pod};
            for (int a = 0; a < 2; a++) {
                for (int core = 2 * a + 1; core <= 2 * a + 2; core++) {
                    links.add(new Topology.Link("s" + core, "s" + aggs[a]));
                }
                for (int edge : edges) {
                    links.add(new Topology.Link("s" + aggs[a], "s" + edge));
                }
            }
            for (int edge : edges) {
                for (int k = 0; k < 2; k++) {
                    Topology.Host h = host(hosts.size() + 1);
                    hosts.add(h);
                    links.add(new Topology.Link(h.name(), "s" + edge));
                }
            }
        }
        return new Topology("fattree4", switches, hosts, links);
    }

    /** Cities of {@link #abilene()}, in switch order: s1 is Seattle, ..., s11 is New York. */
    public static final List<String> ABILENE_CITIES =
            List.of(
                    "Seattle",
                    "Sunnyvale",
                    "LosAngeles",
                    "Denver",
                    "KansasCity",
                    "Houston",
                    "Chicago",
                    "Indianapolis",
                    "Atlanta",
                    "Washington",
                    "NewYork");

    /**
     * The Abilene (Internet2) backbone as in the Internet Topology Zoo: 11 routers, 14 links, an
     * irregular mesh with cycles of different lengths. One host per switch.
     */
    public static Topology abilene() {
        int[][] cables = {
            {1, 2}, // Seattle - Sunnyvale
            {1, 4}, // Seattle - Denver
            {2, 3}, // Sunnyvale - Los Angeles
            {2, 4}, // Sunnyvale - Denver
            {3, 6}, // Los Angeles - Houston
            {4, 5}, // Denver - Kansas City
            {5, 6}, // Kansas City - Houston
            {5, 8}, // Kansas City - Indianapolis
            {6, 9}, // Houston - Atlanta
            {7, 8}, // Chicago - Indianapolis
            {7, 11}, // Chicago - New York
            {8, 9}, // Indianapolis - Atlanta
            {9, 10}, // Atlanta - Washington
            {10, 11}, // Washington - New York
        };
        return mesh("abilene", ABILENE_CITIES.size(), cables);
    }

    /** {@code n} switches with one host each, cabled as {@code cables} (1-based switch numbers). */
    static Topology mesh(String name, int n, int[][] cables) {
        List<Topology.Switch> switches = new ArrayList<>();
        List<Topology.Host> hosts = new ArrayList<>();
        List<Topology.Link> links = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            switches.add(new Topology.Switch("s" + i, i));
            hosts.add(host(i));
            links.add(new Topology.Link("h" + i, "s" + i));
        }
        for (int[] c : cables) {
            links.add(new Topology.Link("s" + c[0], "s" + c[1]));
        }
        return new Topology(name, switches, hosts, links);
    }

    private static Topology.Host host(int i) {
        return new Topology.Host("h" + i, "10.0.0." + i + "/8");
    }
}
