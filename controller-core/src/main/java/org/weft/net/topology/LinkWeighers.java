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

    private LinkWeighers() {}

    /** {@code base}, except that the given links are unusable (for avoided or failed links). */
    public static LinkWeigher excluding(LinkWeigher base, Set<Link> excluded) {
        checkNotNull(base, "base");
        Set<Link> copy = ImmutableSet.copyOf(excluded);
        return (link, info) ->
                copy.contains(link) ? Double.POSITIVE_INFINITY : base.weight(link, info);
    }
}
