package org.weft.routing;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A task that a burst of requests runs once: a request queues the task on the executor unless it is
 * already queued and not yet started. A request that comes once it started queues it again, so the
 * last request is always followed by a run that sees its cause. Any thread may request.
 */
final class CoalescedTask {

    private final Executor executor;
    private final Runnable task;
    private final AtomicBoolean queued = new AtomicBoolean();

    CoalescedTask(Executor executor, Runnable task) {
        this.executor = executor;
        this.task = task;
    }

    /** Queues the task unless it is queued already. */
    void request() {
        if (queued.compareAndSet(false, true)) {
            executor.execute(
                    () -> {
                        queued.set(false);
                        task.run();
                    });
        }
    }
}
