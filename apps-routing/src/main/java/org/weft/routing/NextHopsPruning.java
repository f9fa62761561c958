package org.weft.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.topology.NextHops;

/**
 * A destination's next hops after links were lost, derived from its next hops before instead of a
 * new search, when that is exact: every lost link that was a next hop leaves its switch at least
 * one other next hop. Then no distance changes (a switch keeps a next hop of the same cost, and so,
 * by induction from the destination outwards, does every switch whose paths crossed it), so the
 * next hops are the old ones less the lost links. When a lost link was a switch's only next hop,
 * distances may grow and the caller searches again. Only valid when the remaining links weigh what
 * they weighed before and the switches are the same ({@link ContextDelta#lostLinks()}).
 */
final class NextHopsPruning {

    /**
     * @param hops the next hops without the lost links (the same instance when none was a next hop)
     * @param changed the switches whose next hops lost a link
     */
    record Pruned(NextHops hops, Set<Dpid> changed) {}

    private NextHopsPruning() {}

    /** The next hops without {@code lost}; null when a search is needed. */
    static Pruned without(NextHops before, Set<Link> lost) {
        Map<Dpid, List<Link>> changed = new HashMap<>();
        for (Link l : lost) {
            List<Link> from = changed.getOrDefault(l.srcDpid(), before.linksFrom(l.srcDpid()));
            if (!from.contains(l)) {
                continue;
            }
            if (from.size() == 1) {
                return null;
            }
            List<Link> rest = new ArrayList<>(from);
            rest.remove(l);
            changed.put(l.srcDpid(), rest);
        }
        if (changed.isEmpty()) {
            return new Pruned(before, Set.of());
        }
        return new Pruned(before.withLinksFrom(changed), Set.copyOf(changed.keySet()));
    }
}
