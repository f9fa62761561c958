package org.weft.net.topology;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableSet;
import java.util.Set;
import org.weft.net.Link;

/** The standard {@link LinkWeigher}s. */
public final class LinkWeighers {

    /**
     * Latency assumed for a link whose latency was never measured: 1 ms (1,000,000 ns), pessimistic
     * for a data-centre fabric so that measured links are preferred.
     */
    public static final long UNKNOWN_LATENCY_NANOS = 1_000_000L;

    /**
     * Reference bandwidth of {@link #INVERSE_CAPACITY}: a link of {@code c} Mbit/s weighs {@code
     * REFERENCE_MBPS / c} (1 Tbit/s weighs 1, 10 Gbit/s 100, 1 Gbit/s 1000).
     */
    public static final double REFERENCE_MBPS = 1e6;

    /** Capacity assumed for a link of unknown capacity: 1 Gbit/s, so it weighs 1000. */
    public static final long UNKNOWN_CAPACITY_MBPS = 1_000L;

    /** Every usable link weighs 1: fewest hops. */
    public static final LinkWeigher HOP_COUNT = (link, info) -> 1.0;

    /**
     * Measured latency in microseconds (fractional), {@link #UNKNOWN_LATENCY_NANOS} when not
     * measured.
     */
    public static final LinkWeigher LATENCY =
            (link, info) -> info.latency().orElse(UNKNOWN_LATENCY_NANOS) / 1_000.0;

    /** The operator's admin weight, 1.0 unless configured. */
    public static final LinkWeigher ADMIN_WEIGHT = (link, info) -> info.adminWeight();

    /**
     * {@link #REFERENCE_MBPS} divided by capacity, like OSPF's reference bandwidth; unknown
     * capacity counts as {@link #UNKNOWN_CAPACITY_MBPS}.
     */
    public static final LinkWeigher INVERSE_CAPACITY =
            (link, info) ->
                    REFERENCE_MBPS
                            / (info.hasCapacity() ? info.capacityMbps() : UNKNOWN_CAPACITY_MBPS);

    /**
     * Highest utilisation {@link #UTILISATION} counts: a link at or above it weighs {@code 1 / (1 -
     * MAX_COUNTED_UTILISATION)} = 20, so a full link is still usable when it is the only way.
     */
    public static final double MAX_COUNTED_UTILISATION = 0.95;

    /**
     * Residual capacity: {@code 1 / (1 - u)} for the link's damped utilisation {@code u} (see
     * {@link LinkInfo#utilisation()}): an idle link weighs 1 (hop count), one half full 2, one at
     * 90% 10; capped at {@link #MAX_COUNTED_UTILISATION}. Admin weight infinity still avoids the
     * link.
     */
    public static final LinkWeigher UTILISATION =
            (link, info) ->
                    info.adminWeight() == Double.POSITIVE_INFINITY
                            ? Double.POSITIVE_INFINITY
                            : 1.0 / (1.0 - Math.min(MAX_COUNTED_UTILISATION, info.utilisation()));

    private LinkWeighers() {}

    /** {@code base}, except that the given links are unusable (for avoided or failed links). */
    public static LinkWeigher excluding(LinkWeigher base, Set<Link> excluded) {
        checkNotNull(base, "base");
        Set<Link> copy = ImmutableSet.copyOf(excluded);
        return (link, info) ->
                copy.contains(link) ? Double.POSITIVE_INFINITY : base.weight(link, info);
    }
}
