package org.weft.time;

import com.google.common.base.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Future;

/**
 * Where a component reads the time and sets its timers. One instance is injected through the
 * constructors of everything that measures or waits ({@link SystemTime} in Weft, {@code
 * VirtualTime} from core's test-jar in unit tests), so no component reads {@link System#nanoTime()}
 * or {@link System#currentTimeMillis()} itself and tests never sleep to make time pass.
 *
 * <p>Tasks run on the time source's own thread ({@link SystemTime}) or on the thread that advances
 * virtual time: they must be short and must not block. A task with real work hands it to the
 * component's own executor. A task that throws is logged (system) or fails the test that advanced
 * the time (virtual); a periodic task keeps running after a logged failure.
 */
public interface TimeSource {

    /**
     * Monotonic time in nanoseconds, meaningful only as a difference of two readings. The system
     * source reads {@link System#nanoTime()}, the scale of {@code InboundPacket.receivedAtNanos}.
     */
    long nanos();

    /** Wall-clock time in milliseconds since the epoch, for timestamps people read. */
    long millis();

    /** Wall-clock time as an instant. */
    default Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    /** The monotonic time as a Guava {@link Ticker} (for {@code Stopwatch}, caches). */
    default Ticker ticker() {
        TimeSource self = this;
        return new Ticker() {
            @Override
            public long read() {
                return self.nanos();
            }
        };
    }

    /**
     * Runs the task once, {@code delay} from now (a negative delay counts as zero).
     *
     * @return a handle to cancel it with ({@code cancel(false)})
     */
    Future<?> schedule(Duration delay, Runnable task);

    /**
     * Runs the task {@code initialDelay} from now, then {@code period} after each run ended, until
     * cancelled.
     */
    Future<?> scheduleWithFixedDelay(Duration initialDelay, Duration period, Runnable task);

    /** The process-wide system source (real time, one shared daemon timer thread). */
    static TimeSource system() {
        return SystemTime.shared();
    }
}
