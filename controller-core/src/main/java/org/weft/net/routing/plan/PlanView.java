package org.weft.net.routing.plan;

import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import org.weft.net.Dpid;
import org.weft.net.Link;

/**
 * What the routing app's planner lets a {@link BackupChooser} see of the fabric, besides the next
 * hops toward the destination: the links leaving a switch, and the least costs from its neighbours
 * back to it, both under the metric being planned with.
 */
public interface PlanView {

    /** The links leaving {@code s} in the topology being planned over. */
    Set<Link> linksFrom(Dpid s);

    /**
     * {@link #linksFrom} in ascending order (a chooser's candidates in a stable order); a view may
     * keep it per switch, since choosers ask for every protected switch of every destination.
     */
    default List<Link> sortedLinksFrom(Dpid s) {
        return linksFrom(s).stream().sorted().toList();
    }

    /** The least cost from {@code neighbour} (a switch {@code s} links to) back to {@code s}. */
    OptionalDouble distanceFromNeighbour(Dpid neighbour, Dpid s);

    /**
     * {@link #distanceFromNeighbour} as a plain number, NaN when there is none (so every comparison
     * with it is false): for choosers asking once per candidate of every protected switch.
     */
    default double distanceFromNeighbourOrNaN(Dpid neighbour, Dpid s) {
        return distanceFromNeighbour(neighbour, s).orElse(Double.NaN);
    }

    /**
     * For each link of {@link #sortedLinksFrom}{@code (s)}, in that order, {@link
     * #distanceFromNeighbourOrNaN} of its far end back to {@code s}: a view may keep it per switch,
     * since choosers test every candidate of every protected switch of every destination. The
     * caller must not modify it.
     */
    default double[] distancesBackAlongSortedLinks(Dpid s) {
        List<Link> links = sortedLinksFrom(s);
        double[] back = new double[links.size()];
        for (int i = 0; i < back.length; i++) {
            back[i] = distanceFromNeighbourOrNaN(links.get(i).dstDpid(), s);
        }
        return back;
    }
}
