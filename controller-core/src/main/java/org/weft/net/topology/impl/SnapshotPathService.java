package org.weft.net.topology.impl;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.weft.net.Dpid;
import org.weft.net.topology.DisjointPathPair;
import org.weft.net.topology.Disjointness;
import org.weft.net.topology.LinkWeigher;
import org.weft.net.topology.NextHops;
import org.weft.net.topology.Path;
import org.weft.net.topology.PathService;
import org.weft.net.topology.TopologySnapshot;
import org.weft.net.topology.graph.DisjointPaths;
import org.weft.net.topology.graph.EqualCostPaths;
import org.weft.net.topology.graph.KShortestPaths;
import org.weft.net.topology.graph.ShortestPaths;

/**
 * {@link PathService} over whatever snapshot the supplier returns; each call reads the supplier
 * once, so one answer never mixes two snapshots. Stateless and lock-free.
 */
public final class SnapshotPathService implements PathService {

    private final Supplier<TopologySnapshot> topology;

    /**
     * @param topology the current snapshot, e.g. a volatile read of the topology writer
     */
    public SnapshotPathService(Supplier<TopologySnapshot> topology) {
        this.topology = checkNotNull(topology, "topology");
    }

    @Override
    public Optional<Path> getPath(Dpid src, Dpid dst, LinkWeigher weigher) {
        checkArgs(src, dst, weigher);
        return ShortestPaths.find(topology.get(), weigher, src, dst);
    }

    @Override
    public List<Path> getKShortestPaths(Dpid src, Dpid dst, LinkWeigher weigher, int k) {
        checkArgs(src, dst, weigher);
        return KShortestPaths.find(topology.get(), weigher, src, dst, k);
    }

    @Override
    public List<Path> getEqualCostPaths(Dpid src, Dpid dst, LinkWeigher weigher, int maxPaths) {
        checkArgs(src, dst, weigher);
        return EqualCostPaths.find(topology.get(), weigher, src, dst, maxPaths);
    }

    @Override
    public Optional<DisjointPathPair> getDisjointPair(
            Dpid src, Dpid dst, LinkWeigher weigher, Disjointness disjointness) {
        checkArgs(src, dst, weigher);
        checkNotNull(disjointness, "disjointness");
        return DisjointPaths.find(topology.get(), weigher, src, dst, disjointness);
    }

    @Override
    public NextHops getNextHops(Dpid dst, LinkWeigher weigher) {
        checkNotNull(dst, "dst");
        checkNotNull(weigher, "weigher");
        return EqualCostPaths.nextHops(topology.get(), weigher, dst);
    }

    private static void checkArgs(Dpid src, Dpid dst, LinkWeigher weigher) {
        checkNotNull(src, "src");
        checkNotNull(dst, "dst");
        checkNotNull(weigher, "weigher");
    }
}
