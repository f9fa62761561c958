package org.weft.routing.steering;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.util.LogThrottle;

/**
 * The steering app's one thread, with a bounded queue: a task that does not fit is refused,
 * counted, and logged at most once per {@link #LOG_INTERVAL} with the number left out. A request
 * ({@link #execute}) fails at once with {@link RejectedExecutionException}; a change notice ({@link
 * #executeOrCatchUp}) is not lost: the thread runs the catch-up (re-plan everything) once the task
 * it is running ends, which covers every notice refused meanwhile.
 */
final class SteeringExecutor implements Executor {

    /** At most one refusal log line per this interval. */
    static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(SteeringExecutor.class);

    private final int capacity;
    private final ThreadPoolExecutor pool;
    private final Runnable catchUp;
    private final AtomicBoolean catchUpNeeded = new AtomicBoolean();
    private final AtomicLong rejected = new AtomicLong();
    private final LogThrottle throttle;

    /**
     * @param capacity tasks that may wait for the thread
     * @param catchUp what makes up for refused change notices (run on the thread)
     */
    SteeringExecutor(int capacity, Runnable catchUp, LongSupplier nanoClock) {
        this.capacity = capacity;
        this.catchUp = catchUp;
        this.throttle = new LogThrottle(LOG_INTERVAL, nanoClock);
        this.pool =
                new ThreadPoolExecutor(
                        1,
                        1,
                        0,
                        TimeUnit.MILLISECONDS,
                        new ArrayBlockingQueue<>(capacity),
                        r -> {
                            Thread t = new Thread(r, "weft-steering");
                            t.setDaemon(true);
                            return t;
                        });
    }

    /**
     * Queues the task.
     *
     * @throws RejectedExecutionException when the queue is full (counted) or the app stopped
     */
    @Override
    public void execute(Runnable task) {
        try {
            pool.execute(
                    () -> {
                        try {
                            task.run();
                        } finally {
                            if (catchUpNeeded.getAndSet(false)) {
                                catchUp.run();
                            }
                        }
                    });
        } catch (RejectedExecutionException e) {
            if (!pool.isShutdown()) {
                refused();
            }
            throw e;
        }
    }

    /** Queues the task; when the queue is full, the catch-up runs once the running task ends. */
    void executeOrCatchUp(Runnable task) {
        try {
            execute(task);
        } catch (RejectedExecutionException e) {
            if (!pool.isShutdown()) {
                catchUpNeeded.set(true);
            }
        }
    }

    private void refused() {
        long n = rejected.incrementAndGet();
        long left = throttle.admit();
        if (left >= 0) {
            log.warn(
                    "Steering queue full ({} tasks): task refused ({} refused since start, {} not"
                            + " logged since the last line)",
                    capacity,
                    n,
                    left);
        }
    }

    /** Tasks refused because the queue was full, since start. */
    long rejected() {
        return rejected.get();
    }

    /** Tasks waiting for the thread now. */
    int queued() {
        return pool.getQueue().size();
    }

    /**
     * Stops taking tasks and waits for those queued, at most the timeout.
     *
     * @return false when some were still running then
     */
    boolean shutdown(Duration timeout) throws InterruptedException {
        pool.shutdown();
        return pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
