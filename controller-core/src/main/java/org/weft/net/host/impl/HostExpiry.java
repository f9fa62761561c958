package org.weft.net.host.impl;

import java.time.Duration;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.time.TimeSource;
import org.weft.util.LogThrottle;

/**
 * The host tracker's periodic expiry of idle hosts: how often it runs, its timer, and its failures
 * (logged at most once per {@link HostTracker#WARN_INTERVAL}, with a count; the next round tries
 * again).
 */
final class HostExpiry {

    private static final Logger log = LoggerFactory.getLogger(HostTracker.class);

    private final TimeSource time;
    private final long idleMillis;
    private final LogThrottle warnings;
    private Future<?> task;

    HostExpiry(TimeSource time, long idleMillis) {
        this.time = time;
        this.idleMillis = idleMillis;
        this.warnings = new LogThrottle(HostTracker.WARN_INTERVAL, time::nanos);
    }

    /**
     * How often idle hosts are looked for: a quarter of the idle timeout, within 100 ms to 5 s (a
     * host is forgotten at most this late).
     */
    Duration period() {
        return Duration.ofMillis(Math.max(100, Math.min(idleMillis / 4, 5000)));
    }

    synchronized void start(Runnable expire) {
        Duration period = period();
        task = time.scheduleWithFixedDelay(period, period, () -> runSafely(expire));
    }

    synchronized void stop() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    private void runSafely(Runnable expire) {
        try {
            expire.run();
        } catch (RuntimeException e) {
            long left = warnings.admit();
            if (left >= 0) {
                log.error(
                        "Host expiry failed; will try again ({} more since the last line)",
                        left,
                        e);
            }
        }
    }
}
