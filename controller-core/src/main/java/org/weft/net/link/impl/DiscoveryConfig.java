package org.weft.net.link.impl;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;

/**
 * Settings of LLDP link discovery.
 *
 * @param interval how often every live port is probed (probes are spread over the interval)
 * @param timeoutIntervals a link without LLDP for this many intervals is removed
 * @param hmacKey the key that signs probes (at least 16 bytes)
 */
public record DiscoveryConfig(Duration interval, int timeoutIntervals, byte[] hmacKey) {

    /** Default probe interval: 1 s. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    /** Default number of silent intervals before a link times out: 3. */
    public static final int DEFAULT_TIMEOUT_INTERVALS = 3;

    public DiscoveryConfig {
        checkNotNull(interval, "interval");
        checkArgument(
                interval.toMillis() >= 10, "LLDP interval must be at least 10 ms: %s", interval);
        checkArgument(timeoutIntervals >= 1, "link timeout must be at least one interval");
        checkArgument(
                hmacKey != null && hmacKey.length >= LldpSigner.MIN_KEY_BYTES,
                "HMAC key must have at least %s bytes",
                LldpSigner.MIN_KEY_BYTES);
        hmacKey = hmacKey.clone();
    }

    /** Defaults with a fresh random key. */
    public static DiscoveryConfig defaults() {
        return new DiscoveryConfig(
                DEFAULT_INTERVAL, DEFAULT_TIMEOUT_INTERVALS, LldpSigner.randomKey());
    }

    /** How long a link may go without LLDP. */
    public Duration linkTimeout() {
        return interval.multipliedBy(timeoutIntervals);
    }

    @Override
    public byte[] hmacKey() {
        return hmacKey.clone();
    }

    @Override
    public String toString() {
        return "DiscoveryConfig{interval="
                + interval
                + ", timeoutIntervals="
                + timeoutIntervals
                + "}";
    }
}
