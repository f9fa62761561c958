package org.weft.net.policy;

import org.weft.net.Dpid;
import org.weft.net.meter.MeterStats;

/**
 * A meter a switch reports, with the rate limit Weft installed it for (null when Weft does not know
 * it).
 */
public record MeterEntry(Dpid dpid, MeterStats stats, String rateLimitId) {}
