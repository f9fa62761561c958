package org.weft.net.topology.graph;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableListMultimap;
import com.google.common.collect.ImmutableMap;
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
