package org.weft.net.policy;

import org.weft.net.ConnectPoint;
import org.weft.net.MacAddress;

/**
 * A rate limit and where it stands.
 *
 * @param mac the host's MAC as last resolved, or null
 * @param location the host's ingress port, or null while the host is unknown
 * @param meterId the meter on the ingress switch, or 0 when none is installed
 * @param state INSTALLED, PENDING (not confirmed yet), WAITING_FOR_HOST, UNSUPPORTED (the host's
 *     switch has no meters), FAILED
 */
public record RateLimitEntry(
        RateLimit limit,
        MacAddress mac,
        ConnectPoint location,
        long meterId,
        String state,
        String detail) {}
