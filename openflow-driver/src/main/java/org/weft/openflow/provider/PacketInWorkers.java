package org.weft.openflow.provider;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayDeque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.openflow.channel.IoThreadHandshakes;

/**
 * Runs packet-in work fairly across switches without letting it hold the I/O threads: each switch
 * has a lane, a bounded queue whose work runs in order; workers take lanes round-robin and run at
 * most {@link #TURN} items of one lane before it goes to the back of the line. A switch that floods
 * fills only its own lane (submissions beyond the bound are refused, and the caller counts them),
 * and waits its turn like every other switch; the I/O threads stay free for handshakes, echoes and
 * barrier replies however expensive the apps' packet processing is.
 *
 * <p>Light load takes a shortcut ({@link #runOrSubmit}): work for an idle lane runs at once on the
 * calling I/O thread, as long as that thread is free (no switch handshake under way on it) and has
 * not spent more than {@link #INLINE_SHARE} of its time on such work, measured in windows of {@link
 * #INLINE_WINDOW_NANOS}; a hand-over to a worker costs a thread wake-up, tens of microseconds of
 * latency per packet when nothing is queued anyway. Time over the share is a debt paid off window
 * by window, so one slow item (a cold start's class loading, a contended lock) keeps the thread off
 * inline work for five times as long as it took.
 */
public final class PacketInWorkers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PacketInWorkers.class);

    /** Items of one lane run before the next lane's turn. */
    static final int TURN = 32;

    /** The window over which an I/O thread's inline work is measured... */
    static final long INLINE_WINDOW_NANOS = 10_000_000;

    /** ...and the share of it that may go to inline work. */
    static final double INLINE_SHARE = 0.2;

    /** Inline nanoseconds an I/O thread may spend per window. */
    static final long INLINE_ALLOWANCE_NANOS = (long) (INLINE_WINDOW_NANOS * INLINE_SHARE);

    /** Inline work an I/O thread did and has not yet paid off. */
    private static final class InlineBudget {
        boolean started;
        long windowStart;
        long spent;

        boolean allows(long now) {
            if (!started) {
                started = true;
                windowStart = now;
            }
            long windows = (now - windowStart) / INLINE_WINDOW_NANOS;
            if (windows > 0) {
                windowStart += windows * INLINE_WINDOW_NANOS;
                long paid =
                        windows > spent / INLINE_ALLOWANCE_NANOS
                                ? spent
                                : windows * INLINE_ALLOWANCE_NANOS;
                spent -= paid;
            }
            return spent < INLINE_ALLOWANCE_NANOS;
        }
    }

    /** Each calling (I/O) thread's budget with these workers. */
    private final ThreadLocal<InlineBudget> budgets = ThreadLocal.withInitial(InlineBudget::new);

    /** Monotonic nanoseconds the inline budget is measured in. */
    private final LongSupplier nanos;

    /** Whether the calling thread has nothing more urgent to do than inline work. */
    private final BooleanSupplier callerFree;

    /** One switch's queue; {@code queued} says whether it waits in (or is taken from) the line. */
    public static final class Lane {
        private final ArrayDeque<Runnable> work = new ArrayDeque<>();

        /** work.size(), for lock-free reads by the producer. */
        private volatile int size;

        private boolean queued;

        /** Written under the lane's lock; read without it by {@link #mayRunFast}. */
        private volatile boolean closed;
    }

    private final int maxPerLane;

    /**
     * Lanes waiting for a worker. Bounded by the number of lanes (switches): a lane is in it at
     * most once ({@code queued}); what a lane holds is bounded by {@code maxPerLane}.
     */
    private final BlockingQueue<Lane> line = new LinkedBlockingQueue<>();

    /** Runs exactly {@code threads} long-lived loops; nothing else is ever submitted to it. */
    private final ExecutorService threads;

    private volatile boolean running = true;

    /**
     * @param threads worker threads (at least 1)
     * @param maxPerLane most items waiting in one lane
     */
    public PacketInWorkers(int threads, int maxPerLane) {
        this(threads, maxPerLane, System::nanoTime, IoThreadHandshakes::nonePending);
    }

    /**
     * @param threads worker threads (at least 1)
     * @param maxPerLane most items waiting in one lane
     * @param nanos monotonic nanoseconds, for the I/O threads' inline budget
     * @param callerFree asked on the calling thread before any inline work: false sends the work to
     *     a worker
     */
    public PacketInWorkers(
            int threads, int maxPerLane, LongSupplier nanos, BooleanSupplier callerFree) {
        this.nanos = nanos;
        this.callerFree = callerFree;
        checkArgument(threads >= 1, "threads must be at least 1");
        checkArgument(maxPerLane >= 1, "maxPerLane must be at least 1");
        this.maxPerLane = maxPerLane;
        AtomicInteger n = new AtomicInteger();
        this.threads =
                Executors.newFixedThreadPool(
                        threads,
                        r -> {
                            Thread t = new Thread(r, "weft-packet-in-" + n.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
        for (int i = 0; i < threads; i++) {
            this.threads.execute(this::work);
        }
    }

    /** A new lane (one per switch connection). */
    public Lane newLane() {
        return new Lane();
    }

    /** Drops what a lane still holds and refuses more (its switch disconnected). */
    public void close(Lane lane) {
        synchronized (lane) {
            lane.closed = true;
            lane.work.clear();
            lane.size = 0;
        }
    }

    /**
     * Whether a processor's fast step for this lane may run on the calling (I/O) thread now: the
     * lane is open and the thread is free (no handshake under way on it). The lane need not be
     * idle: a packet its fast steps handle overtakes the lane's queued work (what only a full step
     * can do waits there in order), so a backlog of full steps never turns constant-time answers
     * into queued ones. The inline budget is not asked: this is for the processors' constant-time
     * fast steps; their full steps go through {@link #runOrSubmit}. Only the lane's own producer
     * may call this.
     */
    public boolean mayRunFast(Lane lane) {
        return !lane.closed && callerFree.getAsBoolean();
    }

    /**
     * Runs work at once on the calling thread if its lane is idle (nothing queued, nothing
     * running), the calling thread is free and its inline budget allows; otherwise queues it. Only
     * the lane's own producer (its switch's I/O thread) may call this, so order is kept: an idle
     * lane cannot become busy while the work runs.
     *
     * @return false, and nothing run or queued, if the lane is full or closed
     */
    public boolean runOrSubmit(Lane lane, Runnable item) {
        InlineBudget budget = budgets.get();
        long start = nanos.getAsLong();
        boolean idle;
        synchronized (lane) {
            idle = !lane.closed && !lane.queued;
        }
        if (!idle || !budget.allows(start) || !callerFree.getAsBoolean()) {
            return submit(lane, item);
        }
        try {
            item.run();
        } catch (RuntimeException e) {
            log.error("Packet-in work failed", e);
        } finally {
            budget.spent += nanos.getAsLong() - start;
        }
        return true;
    }

    /** Whether a lane holds as much as it may: more would be refused. Lock-free. */
    public boolean isFull(Lane lane) {
        return lane.size >= maxPerLane;
    }

    /**
     * Queues work on a lane.
     *
     * @return false, and nothing queued, if the lane is full or closed
     */
    public boolean submit(Lane lane, Runnable item) {
        synchronized (lane) {
            if (lane.closed || lane.work.size() >= maxPerLane) {
                return false;
            }
            lane.work.add(item);
            lane.size = lane.work.size();
            if (lane.queued) {
                return true;
            }
            lane.queued = true;
        }
        line.add(lane);
        return true;
    }

    private void work() {
        while (running) {
            Lane lane;
            try {
                lane = line.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (lane != null) {
                runTurn(lane);
            }
        }
    }

    private void runTurn(Lane lane) {
        for (int i = 0; i < TURN; i++) {
            Runnable item;
            synchronized (lane) {
                item = lane.work.poll();
                lane.size = lane.work.size();
                if (item == null) {
                    lane.queued = false;
                    return;
                }
            }
            try {
                item.run();
            } catch (RuntimeException e) {
                log.error("Packet-in work failed", e);
            }
        }
        synchronized (lane) {
            if (lane.work.isEmpty()) {
                lane.queued = false;
                return;
            }
        }
        line.add(lane);
    }

    @Override
    public void close() {
        running = false;
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(2, TimeUnit.SECONDS)) {
                log.warn("Packet-in workers still busy 2 s after shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
