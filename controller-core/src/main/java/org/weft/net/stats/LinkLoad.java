package org.weft.net.stats;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.OptionalDouble;
import org.weft.net.Link;

/**
 * How full one directed link is: its source port's transmit rate over its capacity.
 *
 * @param link the directed link
 * @param bitsPerSecond the source port's transmit rate
 * @param capacityMbps the capacity the utilisation is relative to (the operator's override, else
 *     the lower port speed); 0 when unknown
 * @param atMillis wall-clock time of the sample
 */
public record LinkLoad(Link link, double bitsPerSecond, long capacityMbps, long atMillis) {

    public LinkLoad {
        checkNotNull(link, "link");
    }

    /** Rate over capacity (0 = idle, 1 = full); empty when the capacity is unknown. */
    public OptionalDouble utilisation() {
        return capacityMbps <= 0
                ? OptionalDouble.empty()
                : OptionalDouble.of(bitsPerSecond / (capacityMbps * 1e6));
    }
}
