package org.weft.net.intent;

import java.util.Map;
import java.util.Optional;
import org.weft.net.Link;

/**
 * Capacities operators give links in place of the port speeds the switches report (a shaped link, a
 * Mininet veth reporting 10 Gbit/s), kept durably and applied to the link service, which keeps one
 * while its link is away. Utilisation and the {@code INVERSE_CAPACITY} metric use them.
 */
public interface LinkCapacityService {

    /** Largest capacity accepted: 10 Pbit/s. */
    long MAX_CAPACITY_MBPS = 10_000_000_000L;

    /**
     * Sets and stores the capacity of the link (and of its reverse).
     *
     * @throws IllegalArgumentException when the capacity is not in 1..{@value #MAX_CAPACITY_MBPS}
     * @throws org.weft.store.StoreException when it could not be stored
     */
    void set(Link link, long capacityMbps, boolean bothDirections);

    /**
     * Forgets the capacity of the link (and of its reverse): back to the port speeds.
     *
     * @return false when no capacity was set on the link
     */
    boolean clear(Link link, boolean bothDirections);

    Optional<Long> get(Link link);

    /** Every stored capacity, in link order. */
    Map<Link, Long> all();
}
