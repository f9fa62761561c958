package org.weft.net.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A bounded wait for tests, for conditions no event announces (a REST answer, another thread's
 * state): polls with a growing pause ({@value #FIRST_PAUSE_MS} ms doubled up to {@value
 * #MAX_PAUSE_MS} ms), so a quick condition is seen at once and a slow one costs few polls; fails
 * after the timeout, and after a bounded number of polls. Prefer a latch or a listener where the
 * code under test announces what the test waits for.
 */
public final class Await {

    static final long FIRST_PAUSE_MS = 1;
    static final long MAX_PAUSE_MS = 100;

    private Await() {}

    /**
     * Returns once {@code condition} holds.
     *
     * @throws AssertionError naming {@code what} when it did not hold within {@code timeout}
     */
    public static void until(BooleanSupplier condition, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long maxPolls = timeout.toMillis() / MAX_PAUSE_MS + 16;
        long pause = FIRST_PAUSE_MS;
        for (long poll = 0; poll < maxPolls; poll++) {
            if (condition.getAsBoolean()) {
                return;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(TimeUnit.MILLISECONDS.toNanos(pause), left));
            pause = Math.min(pause * 2, MAX_PAUSE_MS);
        }
        if (!condition.getAsBoolean()) {
            throw new AssertionError(what + ": not reached within " + timeout);
        }
    }
}
