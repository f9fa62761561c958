package org.weft.routing;

import java.util.ArrayList;
import java.util.List;
import org.weft.net.flow.Group;

/**
 * Lays out a select group's buckets so that consecutive switches on equal-cost paths do not hash
 * alike (ECMP hash polarisation).
 *
 * <p>Open vSwitch picks a select bucket from a hash of the packet's 5-tuple with the same basis on
 * every switch (OpenFlow 1.3 cannot set a per-group hash basis: the selection-method property needs
 * OpenFlow 1.5). With one bucket per next hop, an edge switch and the aggregation switch after it
 * both take bucket {@code hash mod n}: the flows an edge sends up its first uplink all leave that
 * aggregation switch by its first uplink too, and half the cores of a fat tree carry nothing.
 *
 * <p>So a group with {@code n} next hops (2 to {@value #MAX_SPREAD_HOPS}) gets {@code n * n}
 * buckets: bucket {@code i = r * n + j} (with {@code j = i mod n}, {@code r = i / n}) forwards to
 * next hop {@code (j + layout * r) mod n}. With equal weights Open vSwitch maps hash values to
 * buckets round-robin (dp_hash) or by rendezvous hashing on the bucket id (the default method), so
 * a switch takes bucket {@code hash mod n*n} (or an equally uniform pick). Two switches whose
 * layouts differ by one pick their next hops independently: for {@code n = 2}, one takes the hash's
 * lowest bit, the next one that bit xor the one above. Larger fan-outs keep one bucket per next
 * hop, so that no group grows beyond {@value #MAX_SPREAD_HOPS} squared buckets.
 */
final class BucketSpread {

    /** Fan-outs up to this many next hops are spread; larger ones keep one bucket per hop. */
    static final int MAX_SPREAD_HOPS = 4;

    private BucketSpread() {}

    /**
     * The buckets to install for one bucket per next hop.
     *
     * @param perHop one bucket per next hop, in the planner's order
     * @param layout which layout the switch uses; switches one hop apart should differ by one
     */
    static List<Group.Bucket> spread(List<Group.Bucket> perHop, long layout) {
        int n = perHop.size();
        if (n < 2 || n > MAX_SPREAD_HOPS) {
            return perHop;
        }
        int shift = (int) Math.floorMod(layout, (long) n);
        List<Group.Bucket> out = new ArrayList<>(n * n);
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < n; j++) {
                out.add(perHop.get((j + shift * r) % n));
            }
        }
        return out;
    }

    /**
     * A switch's layout: its distance to the destination counted in steps of its own next-hop
     * link's cost. On a hop-count (or any uniform) metric that is its hop count, so switches one
     * hop apart on a path always differ by one.
     *
     * @param distance the switch's cost to the destination
     * @param nextDistance the cost from its next hops (equal for every equal-cost next hop)
     */
    static long layout(double distance, double nextDistance) {
        double step = distance - nextDistance;
        if (!(step > 0) || Double.isInfinite(distance)) {
            return 0;
        }
        return Math.round(distance / step);
    }
}
