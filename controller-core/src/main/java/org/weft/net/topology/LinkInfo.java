package org.weft.net.topology;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.OptionalLong;

/**
 * What is known about one directed link besides its endpoints.
 *
 * @param latencyNanos measured one-way latency in nanoseconds, {@link #UNKNOWN_LATENCY} when not
 *     measured
 * @param capacityMbps capacity in Mbit/s, normally the lower speed of the two ports; 0 when unknown
 * @param adminWeight operator-set weight, 1.0 unless configured; {@link Double#POSITIVE_INFINITY}
 *     asks weighers that honour it to avoid the link
 * @param utilisation the damped measured utilisation routing uses (0 = idle, 1 = full, may exceed 1
 *     briefly), 0 until measured; it changes only on a sustained change (see {@code te.minChange})
 */
public record LinkInfo(
        long latencyNanos, long capacityMbps, double adminWeight, double utilisation) {

    /** Marks a latency that has not been measured. */
    public static final long UNKNOWN_LATENCY = -1;

    /** Capacity value meaning "unknown". */
    public static final long UNKNOWN_CAPACITY = 0;

    /** The admin weight of a link nobody configured. */
    public static final double DEFAULT_ADMIN_WEIGHT = 1.0;

    /** A link about which nothing is known: unknown latency and capacity, default weight. */
    public static final LinkInfo UNKNOWN =
            new LinkInfo(UNKNOWN_LATENCY, UNKNOWN_CAPACITY, DEFAULT_ADMIN_WEIGHT);

    public LinkInfo {
        checkArgument(latencyNanos >= UNKNOWN_LATENCY, "latency must be >= 0 or unknown");
        checkArgument(capacityMbps >= 0, "capacity must not be negative");
        checkArgument(!Double.isNaN(adminWeight), "admin weight must be a number");
        checkArgument(
                utilisation >= 0 && utilisation < Double.POSITIVE_INFINITY,
                "utilisation must be a finite number >= 0");
    }

    /** Not measured for load: utilisation 0. */
    public LinkInfo(long latencyNanos, long capacityMbps, double adminWeight) {
        this(latencyNanos, capacityMbps, adminWeight, 0);
    }

    /** Measured latency in nanoseconds, empty when unknown. */
    public OptionalLong latency() {
        return latencyNanos == UNKNOWN_LATENCY
                ? OptionalLong.empty()
                : OptionalLong.of(latencyNanos);
    }

    public boolean hasCapacity() {
        return capacityMbps != UNKNOWN_CAPACITY;
    }

    /**
     * The capacity the damped utilisation leaves, in Mbit/s: {@code capacity * (1 - min(u, 0.95))},
     * an unknown capacity counting as 1 Mbit/s (weighted multipath shares by it).
     */
    public double residualMbps() {
        double c = hasCapacity() ? capacityMbps : 1;
        return c * (1 - Math.min(LinkWeighers.MAX_COUNTED_UTILISATION, utilisation));
    }

    public LinkInfo withLatencyNanos(long nanos) {
        return new LinkInfo(nanos, capacityMbps, adminWeight, utilisation);
    }

    public LinkInfo withCapacityMbps(long mbps) {
        return new LinkInfo(latencyNanos, mbps, adminWeight, utilisation);
    }

    public LinkInfo withAdminWeight(double weight) {
        return new LinkInfo(latencyNanos, capacityMbps, weight, utilisation);
    }

    public LinkInfo withUtilisation(double u) {
        return new LinkInfo(latencyNanos, capacityMbps, adminWeight, u);
    }
}
