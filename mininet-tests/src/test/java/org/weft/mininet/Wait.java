package org.weft.mininet;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Polling helpers, the only place in this suite that sleeps. Every loop is bounded in time and in
 * number of iterations; exceptions thrown by a condition propagate and fail the test.
 */
public final class Wait {
    /** Default distance between two polls of {@link #until}. */
    public static final Duration POLL = Duration.ofMillis(250);

    /** The real one: {@link System#nanoTime()} and a sleep of the calling thread. */
    private static final Clock REAL = new Clock(System::nanoTime, Wait::sleep);

    /**
     * Where the helpers read the time ({@code nanoTime}) and how they let it pass ({@code sleep},
     * in nanoseconds): real time for the suite, virtual time for the helpers' own tests.
     */
    record Clock(LongSupplier nanoTime, LongConsumer sleep) {}

    private Wait() {}

    /**
     * Polls {@code condition} until it holds; fails with {@code description} after {@code timeout}.
     */
    public static void until(String description, Duration timeout, BooleanSupplier condition) {
        until(description, timeout, condition, () -> "");
    }

    /**
     * Polls {@code condition} until it holds; after {@code timeout} fails with {@code description}
     * and the last value of {@code state} (called only on failure), to show what was seen instead.
     */
    public static void until(
            String description, Duration timeout, BooleanSupplier condition, Supplier<?> state) {
        until(REAL, description, timeout, condition, state);
    }

    /** {@link #until(String, Duration, BooleanSupplier, Supplier)} on {@code clock}. */
    static void until(
            Clock clock,
            String description,
            Duration timeout,
            BooleanSupplier condition,
            Supplier<?> state) {
        long start = clock.nanoTime().getAsLong();
        long deadline = start + timeout.toNanos();
        long maxPolls = timeout.toMillis() / POLL.toMillis() + 2;
        for (long poll = 0; poll < maxPolls; poll++) {
            if (condition.getAsBoolean()) {
                return;
            }
            long left = deadline - clock.nanoTime().getAsLong();
            if (left <= 0) {
                break;
            }
            clock.sleep().accept(Math.min(POLL.toNanos(), left));
        }
        if (condition.getAsBoolean()) {
            return;
        }
        throw new AssertionError(
                String.format(
                        "Timed out after %s waiting until %s%s",
                        elapsed(clock, start), description, suffix(state)));
    }

    /**
     * Samples {@code condition} every {@code interval} for {@code duration} (first sample at once,
     * last one at the end); fails on the first sample where it does not hold.
     */
    public static void holdsFor(
            String description,
            Duration duration,
            Duration interval,
            BooleanSupplier condition,
            Supplier<?> state) {
        holdsFor(REAL, description, duration, interval, condition, state);
    }

    /**
     * {@link #holdsFor(String, Duration, Duration, BooleanSupplier, Supplier)} on {@code clock}.
     */
    static void holdsFor(
            Clock clock,
            String description,
            Duration duration,
            Duration interval,
            BooleanSupplier condition,
            Supplier<?> state) {
        long start = clock.nanoTime().getAsLong();
        long end = start + duration.toNanos();
        long maxSamples = duration.toMillis() / Math.max(1, interval.toMillis()) + 2;
        for (long sample = 1; sample <= maxSamples; sample++) {
            if (!condition.getAsBoolean()) {
                throw new AssertionError(
                        String.format(
                                "Expected %s for %s, but it stopped holding at sample %d after %s%s",
                                description,
                                duration,
                                sample,
                                elapsed(clock, start),
                                suffix(state)));
            }
            long left = end - clock.nanoTime().getAsLong();
            if (left <= 0) {
                return;
            }
            clock.sleep().accept(Math.min(interval.toNanos(), left));
        }
        throw new AssertionError("holdsFor overran its sample budget: " + description);
    }

    private static String suffix(Supplier<?> state) {
        String text = String.valueOf(state.get());
        return text.isEmpty() ? "" : "; last state: " + text;
    }

    private static String elapsed(Clock clock, long startNanos) {
        return Duration.ofNanos(clock.nanoTime().getAsLong() - startNanos).toMillis() + " ms";
    }

    private static void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting", e);
        }
    }
}
