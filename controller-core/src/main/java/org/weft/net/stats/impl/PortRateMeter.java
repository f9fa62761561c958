package org.weft.net.stats.impl;

import java.util.Optional;
import org.weft.net.ConnectPoint;
import org.weft.net.stats.PortRate;
import org.weft.net.stats.PortStatistics;

/**
 * Turns one port's successive counter samples into rates. Counters are 64-bit unsigned: a counter
 * that moves backwards wrapped when the forward distance is plausible for the time passed (at most
 * {@link #MAX_COUNT_PER_SECOND} per second), otherwise the switch reset its counters (a restart, a
 * port re-created) and the sample becomes the new baseline without a rate. A missing sample (a
 * timed-out request) only makes the next interval longer: rates are averaged over the real time
 * between the two samples. Not thread-safe.
 */
final class PortRateMeter {

    /**
     * Most a counter may advance per second for a backwards move to count as a wrap: 10^12 (bytes
     * of an 8 Tbit/s port); anything larger is a reset.
     */
    static final double MAX_COUNT_PER_SECOND = 1e12;

    private final ConnectPoint port;
    private PortStatistics last;
    private long lastNanos;

    PortRateMeter(ConnectPoint port) {
        this.port = port;
    }

    /**
     * Adds a sample taken at {@code nanos} (monotonic) / {@code millis} (wall clock).
     *
     * @return the rates since the previous sample; empty for the first sample, after a counter
     *     reset, or when no time passed
     */
    Optional<PortRate> sample(PortStatistics s, long nanos, long millis) {
        PortStatistics prev = last;
        long elapsed = nanos - lastNanos;
        if (prev != null && elapsed <= 0) {
            return Optional.empty(); // a duplicate or reordered reply: keep the baseline
        }
        last = s;
        lastNanos = nanos;
        if (prev == null) {
            return Optional.empty();
        }
        double seconds = elapsed / 1e9;
        long[] d = {
            delta(prev.rxBytes(), s.rxBytes(), seconds),
            delta(prev.txBytes(), s.txBytes(), seconds),
            delta(prev.rxPackets(), s.rxPackets(), seconds),
            delta(prev.txPackets(), s.txPackets(), seconds),
            delta(prev.rxDropped(), s.rxDropped(), seconds),
            delta(prev.txDropped(), s.txDropped(), seconds),
            delta(prev.rxErrors(), s.rxErrors(), seconds),
            delta(prev.txErrors(), s.txErrors(), seconds)
        };
        for (long x : d) {
            if (x < 0) {
                return Optional.empty(); // reset: this sample is the new baseline
            }
        }
        return Optional.of(
                new PortRate(
                        port,
                        d[0] * 8 / seconds,
                        d[1] * 8 / seconds,
                        d[2] / seconds,
                        d[3] / seconds,
                        (d[4] + d[5]) / seconds,
                        (d[6] + d[7]) / seconds,
                        elapsed / 1_000_000,
                        millis));
    }

    /**
     * How far an unsigned 64-bit counter advanced from {@code prev} to {@code cur}, over the
     * seconds given; -1 when it was reset. A counter the switch does not keep (reported as all
     * ones, as Open vSwitch does) stays constant and advances 0.
     */
    static long delta(long prev, long cur, double seconds) {
        long forward = cur - prev; // modulo 2^64: the distance even across a wrap
        if (Long.compareUnsigned(cur, prev) >= 0) {
            return forward < 0 ? -1 : forward; // more than 2^63 at once: not a real advance
        }
        // Backwards: a wrap only if the distance across the top is plausible for the time.
        boolean plausible = forward >= 0 && forward <= MAX_COUNT_PER_SECOND * seconds;
        return plausible ? forward : -1;
    }
}
