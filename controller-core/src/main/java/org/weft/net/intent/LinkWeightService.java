package org.weft.net.intent;

import java.util.Map;
import java.util.Optional;
import org.weft.net.Link;

/**
 * Admin weights operators set on directed links, kept durably and applied to the link service
 * (which keeps a weight while its link is away and applies it when the link appears again).
 */
public interface LinkWeightService {

    /** Largest weight accepted. */
    double MAX_WEIGHT = 1e9;

    /**
     * Sets and stores the weight of the link (and of its reverse).
     *
     * @throws IllegalArgumentException when the weight is not in 0..{@value #MAX_WEIGHT}
     * @throws org.weft.store.StoreException when it could not be stored
     */
    void set(Link link, double weight, boolean bothDirections);

    /**
     * Forgets the weight of the link (and of its reverse): back to the default.
     *
     * @return false when no weight was set on the link
     */
    boolean clear(Link link, boolean bothDirections);

    Optional<Double> get(Link link);

    /** Every stored weight, in link order. */
    Map<Link, Double> all();
}
