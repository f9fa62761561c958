package org.weft.util;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread behind a bounded queue. Work offered while the queue is full is rejected
 * ({@link RejectedExecutionException}, as every executor may) and counted in {@link #rejected()},
 * so a flood costs a fixed amount of memory and shows in {@code /metrics}; work offered after
 * shutdown is rejected without being counted. {@link #tryExecute} is the same without the
 * exception, for callers whose next piece of work repairs what a dropped one missed.
 */
public final class BoundedExecutor extends ThreadPoolExecutor {

    private static final Logger log = LoggerFactory.getLogger(BoundedExecutor.class);

    private final String name;
    private final int capacity;
    private final LongAdder rejected = new LongAdder();

    /**
     * @param name the thread's name
     * @param capacity most pieces of work waiting (besides the one running)
     */
    public BoundedExecutor(String name, int capacity) {
        super(
                1,
                1,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(capacity),
                r -> {
                    Thread t = new Thread(r, name);
                    t.setDaemon(true);
                    return t;
                });
        this.name = name;
        this.capacity = capacity;
        setRejectedExecutionHandler(
                (r, e) -> {
                    if (e.isShutdown()) {
                        throw new RejectedExecutionException(name + " is shut down");
                    }
                    rejected.increment();
                    throw new RejectedExecutionException(
                            name + " has " + capacity + " pieces of work waiting already");
                });
    }

    /**
     * Queues the task like {@link #execute}, without throwing.
     *
     * @return false when it was rejected: shut down (debug-logged), or the queue full (counted)
     */
    public boolean tryExecute(Runnable task) {
        try {
            execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            if (isShutdown()) {
                log.debug("{} shut down; work dropped", name, e);
            }
            return false;
        }
    }

    /** Pieces of work rejected since start because the queue was full (not after shutdown). */
    public long rejected() {
        return rejected.sum();
    }

    /** Pieces of work waiting now. */
    public int backlog() {
        return getQueue().size();
    }

    /** Most pieces of work that may wait. */
    public int capacity() {
        return capacity;
    }
}
