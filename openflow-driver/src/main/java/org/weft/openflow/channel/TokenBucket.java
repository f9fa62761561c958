package org.weft.openflow.channel;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * A token bucket on a caller-supplied clock: {@code ratePerSecond} tokens a second, at most {@code
 * capacity} saved up; it starts full. Guava's {@code RateLimiter} answers "when may I go" with a
 * wait and has no injectable clock; admission needs "now or never" and tests need a fake clock. Not
 * thread-safe: one per switch channel, used on its event loop.
 */
final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1e9;

    private final double tokensPerNano;
    private final double capacity;
    private double tokens;
    private long last;

    TokenBucket(double ratePerSecond, int capacity, long nowNanos) {
        checkArgument(ratePerSecond >= 0, "rate must not be negative");
        checkArgument(capacity >= 0, "capacity must not be negative");
        this.tokensPerNano = ratePerSecond / NANOS_PER_SECOND;
        this.capacity = capacity;
        this.tokens = capacity;
        this.last = nowNanos;
    }

    /** Takes one token if there is one. */
    boolean tryTake(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Whole tokens available now. */
    long available(long nowNanos) {
        refill(nowNanos);
        return (long) tokens;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - last;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * tokensPerNano);
            last = nowNanos;
        }
    }
}
