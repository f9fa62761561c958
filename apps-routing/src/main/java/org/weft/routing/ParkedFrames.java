package org.weft.routing;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.routing.ParkedFrameCounts;
import org.weft.util.LogThrottle;

/**
 * Packet-in frames held until their destination's route is confirmed (a frame sent before the
 * route's barrier answered could reach a switch that lacks the rule and come back as another
 * packet-in). What this can hold is bounded by {@link ParkedFrameLimits}, whatever the switches do:
 * a frame over a bound is dropped at once ({@code overflow}); a frame whose route is confirmed
 * later than the maximum age, or is still unconfirmed by then, is dropped ({@code expired}); a
 * frame whose route failed (a switch error, a disconnect, a request timeout) is dropped ({@code
 * failed}). Frames that outlived the maximum age are let go on the next {@link #park} or {@link
 * #counts}, so a route that never settles holds at most the bound, and only for the maximum age.
 *
 * <p>Each future the frames wait for gets one callback however many frames wait for it.
 * Thread-safe: frames are parked on I/O threads and released on whichever thread completes their
 * future, outside the lock.
 */
final class ParkedFrames {

    private static final Logger log = LoggerFactory.getLogger(ParkedFrames.class);

    /** A failing packet-out after a release is logged at most this often. */
    private static final Duration WARN_INTERVAL = Duration.ofMinutes(1);

    /** One parked frame; {@code send} holds the frame. */
    private static final class Frame {
        final Object destination;
        final CompletableFuture<?> until;
        final long parkedAtNanos;
        final int bytes;
        final Runnable send;

        Frame(
                Object destination,
                CompletableFuture<?> until,
                long parkedAtNanos,
                int bytes,
                Runnable send) {
            this.destination = destination;
            this.until = until;
            this.parkedAtNanos = parkedAtNanos;
            this.bytes = bytes;
            this.send = send;
        }
    }

    private final ParkedFrameLimits limits;
    private final long maxAgeNanos;
    private final LongSupplier nanoClock;
    private final LogThrottle sendFailures;

    // All guarded by this.
    /** Every parked frame, oldest first (identity: Frame has no equals). */
    private final LinkedHashSet<Frame> byAge = new LinkedHashSet<>();

    /** The frames waiting for each future, oldest first. */
    private final Map<CompletableFuture<?>, ArrayDeque<Frame>> waiting = new IdentityHashMap<>();

    private final Map<Object, Integer> perDestination = new HashMap<>();
    private long bytesParked;
    private long overflow;
    private long expired;
    private long failed;

    /**
     * @param nanoClock monotonic time in nanoseconds ({@code System::nanoTime} outside tests)
     */
    ParkedFrames(ParkedFrameLimits limits, LongSupplier nanoClock) {
        this.limits = limits;
        this.maxAgeNanos = limits.maxAge().toNanos();
        this.nanoClock = nanoClock;
        this.sendFailures = new LogThrottle(WARN_INTERVAL, nanoClock);
    }

    /**
     * Holds a frame until {@code until} completes; then runs {@code send} if it completed normally
     * within the maximum age, and drops the frame otherwise.
     *
     * @param destination what the frame is for (its per-destination bound)
     * @param bytes the frame's size
     * @param send sends the frame (runs on the thread that completes {@code until})
     * @return false when the frame was dropped at once, over a bound
     */
    boolean park(Object destination, CompletableFuture<?> until, int bytes, Runnable send) {
        boolean firstForFuture;
        synchronized (this) {
            long now = nanoClock.getAsLong();
            dropExpired(now);
            if (byAge.size() >= limits.maxFrames()
                    || perDestination.getOrDefault(destination, 0)
                            >= limits.maxFramesPerDestination()
                    || bytesParked + bytes > limits.maxBytes()) {
                overflow++;
                return false;
            }
            Frame f = new Frame(destination, until, now, bytes, send);
            byAge.add(f);
            perDestination.merge(destination, 1, Integer::sum);
            bytesParked += bytes;
            ArrayDeque<Frame> queue = waiting.get(until);
            firstForFuture = queue == null;
            if (firstForFuture) {
                queue = new ArrayDeque<>();
                waiting.put(until, queue);
            }
            queue.add(f);
        }
        if (firstForFuture) {
            until.whenComplete((ok, failure) -> release(until, failure));
        }
        return true;
    }

    /** Frames parked now and frames dropped since start. */
    synchronized ParkedFrameCounts counts() {
        dropExpired(nanoClock.getAsLong());
        return new ParkedFrameCounts(byAge.size(), overflow, expired, failed);
    }

    /** Sends (or drops) every frame that waited for {@code until}. */
    private void release(CompletableFuture<?> until, Throwable failure) {
        List<Runnable> due = new ArrayList<>();
        synchronized (this) {
            ArrayDeque<Frame> queue = waiting.remove(until);
            if (queue == null) {
                return; // every frame already expired
            }
            long now = nanoClock.getAsLong();
            for (Frame f : queue) {
                forget(f);
                byAge.remove(f);
                if (failure != null) {
                    failed++;
                } else if (now - f.parkedAtNanos > maxAgeNanos) {
                    expired++;
                } else {
                    due.add(f.send);
                }
            }
        }
        for (Runnable send : due) {
            try {
                send.run();
            } catch (RuntimeException e) {
                long left = sendFailures.admit();
                if (left >= 0) {
                    log.warn(
                            "Sending a frame released by its route failed ({} more since the last"
                                    + " such line)",
                            left,
                            e);
                }
            }
        }
    }

    /** Lets go of frames older than the maximum age (they could only be dropped later). */
    private void dropExpired(long now) {
        Iterator<Frame> it = byAge.iterator();
        while (it.hasNext()) {
            Frame f = it.next();
            if (now - f.parkedAtNanos <= maxAgeNanos) {
                return;
            }
            it.remove();
            forget(f);
            expired++;
            ArrayDeque<Frame> queue = waiting.get(f.until);
            queue.remove(f); // its oldest: frames of one future are parked in age order too
            if (queue.isEmpty()) {
                waiting.remove(f.until);
            }
        }
    }

    /** Takes a frame out of the per-destination and byte counts. */
    private void forget(Frame f) {
        perDestination.computeIfPresent(f.destination, (d, n) -> n == 1 ? null : n - 1);
        bytesParked -= f.bytes;
    }
}
