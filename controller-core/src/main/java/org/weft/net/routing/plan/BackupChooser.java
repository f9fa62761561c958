package org.weft.net.routing.plan;

import java.util.Optional;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.topology.NextHops;

/**
 * Local protection, as the routing app's planner consults it: for a switch with one next hop toward
 * a destination, the backup of its fast-failover group, if a safe one exists.
 *
 * <p>The answer for {@code s} may depend only on the links leaving {@code s}, the distances and
 * next hops toward the destination of {@code s} and of its neighbours, and the least costs from
 * {@code s}'s neighbours back to {@code s}: the planner re-plans a switch's entries only when one
 * of those changed (its {@code ReplanScope}), so a chooser that looked further would leave stale
 * backups. It must be pure (same inputs, same answer) and safe to call on the planner's thread.
 */
@FunctionalInterface
public interface BackupChooser {

    /**
     * The backup for switch {@code s}, whose only next hop toward the destination is {@code
     * primary}; empty when no neighbour gets the packet there without sending it back.
     */
    Optional<Backup> backup(PlanView fabric, NextHops towardDestination, Dpid s, Link primary);

    /**
     * Whether, while every distance toward the destination stays the same and a neighbour's next
     * hops only lose links, the answer for {@code s} can change only if it was a U-turn alternate
     * through that neighbour (a {@link Backup#uturn()} backup whose link leads to it). The planner
     * then leaves the other protected switches next to a switch that lost a next hop as they were
     * (after a cable cut on a fat tree, most of them). False unless the chooser vouches for it.
     */
    default boolean keptWhenNeighbourHopsShrink() {
        return false;
    }
}
