package org.weft.time;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * Time for tests and simulations: it stands still until {@link #advance} moves it, and the tasks
 * that fall due run then, on the caller's thread, in time order (tasks due at the same instant in
 * the order they were scheduled), with {@link #nanos()} reading each task's due time while it runs.
 * A task scheduled by a running task runs in the same advance if it falls due within it. A task
 * that throws fails the {@link #advance} call that ran it, so no failure goes unseen.
 *
 * <p>Shipped in controller-core's test-jar (with the fakes), not in {@code weft.jar}. Thread-safe:
 * other threads may schedule and read; tasks only ever run inside {@link #advance}.
 */
public final class VirtualTime implements TimeSource {

    /** Where the wall clock starts unless told otherwise. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

    /** Monotonic readings start here, not at 0, as {@link System#nanoTime()} does not either. */
    private static final long NANO_ORIGIN = 1_000_000_000_000L;

    private final Instant start;
    private final PriorityQueue<Task> tasks =
            new PriorityQueue<>(
                    Comparator.comparingLong((Task t) -> t.due).thenComparingLong(t -> t.seq));
    private long elapsed;
    private long nextSeq;
    private boolean advancing;

    public VirtualTime() {
        this(DEFAULT_START);
    }

    public VirtualTime(Instant start) {
        this.start = checkNotNull(start, "start");
    }

    @Override
    public synchronized long nanos() {
        return NANO_ORIGIN + elapsed;
    }

    @Override
    public synchronized long millis() {
        return start.toEpochMilli() + elapsed / 1_000_000;
    }

    @Override
    public synchronized Instant instant() {
        return start.plusNanos(elapsed);
    }

    @Override
    public Future<?> schedule(Duration delay, Runnable task) {
        return add(delay, 0, task);
    }

    @Override
    public Future<?> scheduleWithFixedDelay(Duration initialDelay, Duration period, Runnable task) {
        checkArgument(period.toNanos() > 0, "period must be positive");
        return add(initialDelay, period.toNanos(), task);
    }

    private synchronized Task add(Duration delay, long period, Runnable task) {
        Task t = new Task(checkNotNull(task, "task"), period);
        t.due = elapsed + Math.max(0, delay.toNanos());
        t.seq = nextSeq++;
        tasks.add(t);
        return t;
    }

    /**
     * Moves time forward by {@code d}, running every task that falls due on the way.
     *
     * @return how many task runs there were
     * @throws IllegalStateException if a task threw (time stops at that task's due time), or when
     *     called from a task
     */
    public int advance(Duration d) {
        checkArgument(!d.isNegative(), "time does not go back");
        long target;
        synchronized (this) {
            checkState(!advancing, "advance() called from a task");
            advancing = true;
            target = elapsed + d.toNanos();
        }
        int ran = 0;
        try {
            while (true) {
                Task t;
                synchronized (this) {
                    t = nextDue(target);
                    if (t == null) {
                        elapsed = target;
                        return ran;
                    }
                    elapsed = Math.max(elapsed, t.due);
                }
                boolean again = t.runOnce();
                ran++;
                if (t.failure != null) {
                    throw new IllegalStateException(
                            "task failed at " + instant() + ": " + t.task, t.failure);
                }
                if (again) {
                    synchronized (this) {
                        t.due = elapsed + t.period;
                        t.seq = nextSeq++;
                        tasks.add(t);
                    }
                }
            }
        } finally {
            synchronized (this) {
                advancing = false;
            }
        }
    }

    /** Runs the tasks due now (scheduled with no delay) without moving time. */
    public int runDue() {
        return advance(Duration.ZERO);
    }

    /** Tasks scheduled and not yet run or cancelled (a periodic task counts once). */
    public synchronized int pendingTasks() {
        return (int) tasks.stream().filter(t -> !t.isCancelled()).count();
    }

    /** How long until the next task falls due, if any is pending. */
    public synchronized Optional<Duration> untilNextTask() {
        return tasks.stream()
                .filter(t -> !t.isCancelled())
                .map(t -> Duration.ofNanos(t.due - elapsed))
                .min(Comparator.naturalOrder());
    }

    private Task nextDue(long target) {
        Task t = tasks.peek();
        while (t != null && t.isCancelled()) {
            tasks.poll();
            t = tasks.peek();
        }
        if (t == null || t.due > target) {
            return null;
        }
        return tasks.poll();
    }

    @Override
    public String toString() {
        return "VirtualTime{" + instant() + ", " + pendingTasks() + " tasks pending}";
    }

    /** A scheduled task; {@link FutureTask} gives cancellation and the {@link Future} view. */
    private static final class Task extends FutureTask<Void> {
        final Runnable task;
        final long period;
        long due;
        long seq;
        Throwable failure;

        Task(Runnable task, long period) {
            super(task, null);
            this.task = task;
            this.period = period;
        }

        /** Runs once; true if it is periodic and should run again. */
        boolean runOnce() {
            if (period == 0) {
                run();
                return false;
            }
            return runAndReset();
        }

        @Override
        protected void setException(Throwable t) {
            failure = t;
            super.setException(t);
        }
    }
}
