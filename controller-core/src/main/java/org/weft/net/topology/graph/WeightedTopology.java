package org.weft.net.topology.graph;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableListMultimap;
import com.google.common.collect.ImmutableMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.topology.LinkInfo;
import org.weft.net.topology.LinkWeigher;
import org.weft.net.topology.Path;
import org.weft.net.topology.TopologySnapshot;

/**
 * A snapshot seen through a weigher: each link weighed once, unusable links and self-loops left
 * out, links of each switch in ascending order.
 */
final class WeightedTopology {

    private final TopologySnapshot topology;
    private final ImmutableMap<Link, Double> weights;
    private final ImmutableListMultimap<Dpid, Link> out;
    private final ImmutableListMultimap<Dpid, Link> in;
    private final Dpid[] nodes;
    private final Map<Dpid, Integer> indexOf;
    private final Arcs outArcs;
    private final Arcs inArcs;

    WeightedTopology(TopologySnapshot topology, LinkWeigher weigher) {
        this.topology = checkNotNull(topology, "topology");
        checkNotNull(weigher, "weigher");
        ImmutableMap.Builder<Link, Double> w = ImmutableMap.builder();
        ImmutableListMultimap.Builder<Dpid, Link> o = ImmutableListMultimap.builder();
        ImmutableListMultimap.Builder<Dpid, Link> i = ImmutableListMultimap.builder();
        for (Map.Entry<Link, LinkInfo> e : topology.linkInfos().entrySet()) {
            Link link = e.getKey();
            double weight = weigher.weight(link, e.getValue());
            if (LinkWeigher.isUsable(weight) && !link.srcDpid().equals(link.dstDpid())) {
                w.put(link, weight);
                o.put(link.srcDpid(), link);
                i.put(link.dstDpid(), link);
            }
        }
        this.weights = w.buildOrThrow();
        this.out = o.build();
        this.in = i.build();
        this.nodes = topology.switches().toArray(new Dpid[0]);
        this.indexOf = new HashMap<>(nodes.length * 2);
        for (int n = 0; n < nodes.length; n++) {
            indexOf.put(nodes[n], n);
        }
        this.outArcs = arcs(out, false);
        this.inArcs = arcs(in, true);
    }

    /**
     * The links of every switch (by index, in ascending order) as arrays: the far end's index, the
     * weight and the link, so searches relax links without hashing.
     */
    record Arcs(int[][] far, double[][] weight, Link[][] link) {}

    private Arcs arcs(ImmutableListMultimap<Dpid, Link> byDpid, boolean backward) {
        int[][] far = new int[nodes.length][];
        double[][] wt = new double[nodes.length][];
        Link[][] ln = new Link[nodes.length][];
        for (int n = 0; n < nodes.length; n++) {
            List<Link> links = byDpid.get(nodes[n]);
            far[n] = new int[links.size()];
            wt[n] = new double[links.size()];
            ln[n] = links.toArray(new Link[0]);
            for (int k = 0; k < links.size(); k++) {
                Link l = links.get(k);
                far[n][k] = indexOf.get(backward ? l.srcDpid() : l.dstDpid());
                wt[n][k] = weights.get(l);
            }
        }
        return new Arcs(far, wt, ln);
    }

    /** Switches in ascending order: a switch's index is its rank. */
    Dpid[] nodes() {
        return nodes;
    }

    /** The switch's index, or -1 when it is not in the topology. */
    int index(Dpid dpid) {
        Integer n = indexOf.get(dpid);
        return n == null ? -1 : n;
    }

    /** Usable links leaving (or, {@code backward}, entering) each switch, by index. */
    Arcs arcs(boolean backward) {
        return backward ? inArcs : outArcs;
    }

    TopologySnapshot topology() {
        return topology;
    }

    boolean contains(Dpid dpid) {
        return topology.contains(dpid);
    }

    /** Usable links leaving a switch, ascending. */
    List<Link> out(Dpid dpid) {
        return out.get(dpid);
    }

    /** Usable links entering a switch, ascending. */
    List<Link> in(Dpid dpid) {
        return in.get(dpid);
    }

    /** Usable links, ascending. */
    ImmutableList<Link> links() {
        return weights.keySet().asList();
    }

    /** The weight of a usable link. */
    double weight(Link link) {
        Double w = weights.get(link);
        checkNotNull(w, "link is not usable");
        return w;
    }

    /** Sum of the weights of the links, in order. */
    double cost(List<Link> links) {
        double sum = 0;
        for (Link link : links) {
            sum += weight(link);
        }
        return sum;
    }

    /** A path from src along links; the empty path when there are none. */
    Path path(Dpid src, List<Link> links) {
        return links.isEmpty() ? Path.empty(src) : Path.of(links, cost(links));
    }
}
