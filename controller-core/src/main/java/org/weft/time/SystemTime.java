package org.weft.time;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real time: {@link System#nanoTime()}, {@link System#currentTimeMillis()}, and timers on one
 * daemon thread of a {@link ScheduledThreadPoolExecutor} (created on the first timer, so a source
 * used only to read the time starts no thread). A task that throws is logged and, if periodic, runs
 * again at its next turn.
 */
public final class SystemTime implements TimeSource, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SystemTime.class);

    private final ScheduledThreadPoolExecutor timer;
    private final boolean shared;

    private SystemTime(String threadName, boolean shared) {
        this.shared = shared;
        this.timer =
                new ScheduledThreadPoolExecutor(
                        1,
                        r -> {
                            Thread t = new Thread(r, threadName);
                            t.setDaemon(true);
                            return t;
                        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** A source with a timer thread of its own, stopped by {@link #close()}. */
    public static SystemTime start(String threadName) {
        return new SystemTime(checkNotNull(threadName, "threadName"), false);
    }

    /** The process-wide source: never closed, its daemon thread ends with the JVM. */
    public static SystemTime shared() {
        return Shared.INSTANCE;
    }

    private static final class Shared {
        static final SystemTime INSTANCE = new SystemTime("weft-timer", true);
    }

    @Override
    public long nanos() {
        return System.nanoTime();
    }

    @Override
    public long millis() {
        return System.currentTimeMillis();
    }

    @Override
    public Future<?> schedule(Duration delay, Runnable task) {
        return timer.schedule(logged(task), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public Future<?> scheduleWithFixedDelay(Duration initialDelay, Duration period, Runnable task) {
        checkArgument(period.toNanos() > 0, "period must be positive");
        return timer.scheduleWithFixedDelay(
                logged(task), initialDelay.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The executor would keep a task's exception in its future, silently: log it instead. */
    private static Runnable logged(Runnable task) {
        checkNotNull(task, "task");
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("Timer task {} failed", task, e);
            }
        };
    }

    /** Cancels every pending task and stops the thread; tasks may no longer be scheduled. */
    @Override
    public void close() {
        checkState(!shared, "the shared time source is never closed");
        timer.shutdownNow();
    }
}
