package org.weft.net.meter;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.weft.net.Dpid;

/**
 * A meter with one drop band: packets over {@code rateKbps} (with a bucket of {@code burstKb}) are
 * dropped.
 */
public record Meter(Dpid dpid, long meterId, long rateKbps, long burstKb) {

    /** Largest meter id a switch may be asked for (OFPM_MAX). */
    public static final long MAX_ID = 0xffff0000L;

    public Meter {
        checkNotNull(dpid, "dpid");
        checkArgument(meterId >= 1 && meterId <= MAX_ID, "meter id %s out of range", meterId);
        checkArgument(rateKbps >= 1 && rateKbps <= 0xffffffffL, "rate %s kbit/s", rateKbps);
        checkArgument(burstKb >= 0 && burstKb <= 0xffffffffL, "burst %s kbit", burstKb);
    }
}
