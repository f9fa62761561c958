package org.weft.net.topology.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.topology.LinkInfo;
import org.weft.net.topology.LinkWeigher;
import org.weft.net.topology.TopologySnapshot;

/**
 * The tie-breaking rule of the path algorithms written as plainly as possible, over maps and sorted
 * sets, for tests to compare the array-based searches against: settle switches by distance, then
 * DPID; relax a switch's usable links (not self-loops) in ascending order; replace a distance only
 * with a strictly smaller one.
 */
final class ReferenceSearch {

    private record Entry(double distance, Dpid node) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int c = Double.compare(distance, o.distance);
            return c != 0 ? c : node.compareTo(o.node);
        }
    }

    private ReferenceSearch() {}

    /** The least-cost path the rule picks, or empty. */
    static Optional<List<Link>> path(
            TopologySnapshot t,
            LinkWeigher w,
            Dpid src,
            Dpid dst,
            Set<Dpid> bannedSwitches,
            Set<Link> bannedLinks) {
        Map<Dpid, Link> via = new HashMap<>();
        Map<Dpid, Double> settled = search(t, w, src, false, bannedSwitches, bannedLinks, via);
        if (!settled.containsKey(dst)) {
            return Optional.empty();
        }
        List<Link> links = new ArrayList<>();
        for (Dpid at = dst; !at.equals(src); at = via.get(at).srcDpid()) {
            links.add(via.get(at));
        }
        Collections.reverse(links);
        return Optional.of(links);
    }

    /** Cost of reaching {@code dst} from every switch that can. */
    static Map<Dpid, Double> distancesTo(TopologySnapshot t, LinkWeigher w, Dpid dst) {
        return search(t, w, dst, true, Set.of(), Set.of(), new HashMap<>());
    }

    private static Map<Dpid, Double> search(
            TopologySnapshot t,
            LinkWeigher w,
            Dpid root,
            boolean backward,
            Set<Dpid> bannedSwitches,
            Set<Link> bannedLinks,
            Map<Dpid, Link> via) {
        Map<Dpid, Double> dist = new HashMap<>(Map.of(root, 0.0));
        Map<Dpid, Double> settled = new HashMap<>();
        TreeSet<Entry> queue = new TreeSet<>(List.of(new Entry(0.0, root)));
        while (!queue.isEmpty()) {
            Entry e = queue.pollFirst();
            if (settled.containsKey(e.node())) {
                continue;
            }
            settled.put(e.node(), e.distance());
            TreeSet<Link> links =
                    new TreeSet<>(backward ? t.linksTo(e.node()) : t.linksFrom(e.node()));
            for (Link l : links) {
                Dpid far = backward ? l.srcDpid() : l.dstDpid();
                double weight = w.weight(l, t.linkInfo(l).orElse(LinkInfo.UNKNOWN));
                if (!LinkWeigher.isUsable(weight)
                        || l.srcDpid().equals(l.dstDpid())
                        || settled.containsKey(far)
                        || bannedLinks.contains(l)
                        || bannedSwitches.contains(far)) {
                    continue;
                }
                double d = e.distance() + weight;
                if (d < dist.getOrDefault(far, Double.POSITIVE_INFINITY)) {
                    dist.put(far, d);
                    via.put(far, l);
                    queue.add(new Entry(d, far));
                }
            }
        }
        return settled;
    }
}
