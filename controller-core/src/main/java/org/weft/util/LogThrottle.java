package org.weft.util;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Decides which occurrences of a recurring warning are worth a log line: the first, then at most
 * one per interval, each saying how many were left out since the last line. One throttle per source
 * (a switch, a task) so a noisy source never hides another's first warning. Thread-safe.
 */
public final class LogThrottle {

    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private boolean logged;
    private long lastLoggedAt;
    private long suppressed;

    public LogThrottle(Duration interval, LongSupplier nanoClock) {
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
    }

    /** A throttle on {@link System#nanoTime()}. */
    public static LogThrottle every(Duration interval) {
        return new LogThrottle(interval, System::nanoTime);
    }

    /**
     * Counts one occurrence.
     *
     * @return -1 if it should not be logged; otherwise the number of occurrences left out since the
     *     last line (0 for the first)
     */
    public synchronized long admit() {
        long now = nanoClock.getAsLong();
        if (logged && now - lastLoggedAt < intervalNanos) {
            suppressed++;
            return -1;
        }
        long left = suppressed;
        logged = true;
        lastLoggedAt = now;
        suppressed = 0;
        return left;
    }
}
