package org.weft.util;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One {@link LogThrottle} per source (a switch, a destination), made on first use, so a warning
 * that recurs for one source is logged once per interval with a count and never hides another
 * source's first warning. At most {@link #MAX_SOURCES} sources are remembered: past that, every
 * throttle starts afresh (a first line again for each), so sources that come and go cannot grow the
 * map. Thread-safe.
 *
 * @param <K> the source's type
 */
public final class LogThrottles<K> {

    /** Sources remembered at most. */
    public static final int MAX_SOURCES = 10_000;

    private final Map<K, LogThrottle> throttles = new ConcurrentHashMap<>();
    private final Duration interval;
    private final LongSupplier nanoClock;

    public LogThrottles(Duration interval, LongSupplier nanoClock) {
        this.interval = interval;
        this.nanoClock = nanoClock;
    }

    /** Throttles on {@link System#nanoTime()}. */
    public static <K> LogThrottles<K> every(Duration interval) {
        return new LogThrottles<>(interval, System::nanoTime);
    }

    /**
     * Counts one occurrence for the source.
     *
     * @return -1 if it should not be logged; otherwise the number of the source's occurrences left
     *     out since its last line (0 for the first)
     */
    public long admit(K source) {
        LogThrottle t = throttles.get(source);
        if (t == null) {
            if (throttles.size() >= MAX_SOURCES) {
                throttles.clear();
            }
            t = throttles.computeIfAbsent(source, s -> new LogThrottle(interval, nanoClock));
        }
        return t.admit();
    }
}
