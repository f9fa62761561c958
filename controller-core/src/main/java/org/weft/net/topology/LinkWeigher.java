package org.weft.net.topology;

import org.weft.net.Link;

/**
 * Gives each link a cost for path computation. A weight that is negative, infinite or NaN marks the
 * link unusable: paths never cross it. Standard weighers are in {@link LinkWeighers}.
 */
@FunctionalInterface
public interface LinkWeigher {

    /** The cost of sending traffic over {@code link}; see the class comment for "unusable". */
    double weight(Link link, LinkInfo info);

    /** True for a finite, non-negative weight. */
    static boolean isUsable(double weight) {
        return weight >= 0 && weight < Double.POSITIVE_INFINITY;
    }
}
