package org.weft.failover;

import java.util.List;
import java.util.Optional;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.routing.plan.Backup;
import org.weft.net.routing.plan.BackupChooser;
import org.weft.net.routing.plan.PlanView;
import org.weft.net.topology.NextHops;

/**
 * Chooses the backup next hop of a fast-failover group: a neighbour that gets the packet to the
 * destination without sending it back. Two kinds qualify, in this order of preference:
 *
 * <ul>
 *   <li>a loop-free alternate (RFC 5286): d(N, D) &lt; d(N, S) + d(S, D), so N's own shortest path
 *       never comes back through S;
 *   <li>a U-turn alternate: N's equal-cost next hops toward D include S and at least one other
 *       switch. N would hash some flows back to S, so the plan gives N a "U-turn" rule: packets for
 *       D that arrive from S leave by N's other next hop.
 * </ul>
 *
 * Alternates are per destination and per switch; where none exists, the switch relies on the
 * controller's restoration. Candidates are tried in link order, so the choice is deterministic.
 */
public final class LocalProtection implements BackupChooser {

    @Override
    public Optional<Backup> backup(PlanView fabric, NextHops towardDst, Dpid s, Link primary) {
        // Asked for every protected switch of every destination: plain numbers (NaN when there is
        // no distance, so the test fails) and indexed loops, nothing allocated per candidate.
        double ds = towardDst.distanceOr(s, Double.POSITIVE_INFINITY);
        List<Link> candidates = fabric.sortedLinksFrom(s);
        double[] back = fabric.distancesBackAlongSortedLinks(s);
        for (int i = 0; i < candidates.size(); i++) {
            Link l = candidates.get(i);
            if (l.equals(primary)) {
                continue;
            }
            double dn = towardDst.distanceOr(l.dstDpid(), Double.NaN);
            if (dn < back[i] + ds) {
                return Optional.of(new Backup(l, false));
            }
        }
        for (int i = 0; i < candidates.size(); i++) {
            Link l = candidates.get(i);
            if (l.equals(primary)) {
                continue;
            }
            boolean viaUs = false;
            boolean other = false;
            List<Link> hops = towardDst.linksFrom(l.dstDpid());
            for (int j = 0; j < hops.size(); j++) {
                Link x = hops.get(j);
                if (x.dstDpid().equals(s)) {
                    viaUs = true;
                } else {
                    other = true;
                }
                if (viaUs && other) {
                    break;
                }
            }
            if (viaUs && other) {
                return Optional.of(new Backup(l, true));
            }
        }
        return Optional.empty();
    }

    /**
     * True: with distances unchanged the loop-free test gives the same answers, and a neighbour
     * whose next hops only lose links can only stop qualifying as a U-turn alternate (its next hops
     * still include {@code s} and another switch only if they did before), so the first candidate
     * that qualifies stays the same unless it was that neighbour.
     */
    @Override
    public boolean keptWhenNeighbourHopsShrink() {
        return true;
    }
}
