package org.weft.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Waits, without polling, for a condition on cluster instances: the condition is checked again
 * whenever a watched instance announces a role change or a change of its ZooKeeper connection (both
 * announced after the instance took them in, so no change is missed between a check and the wait).
 */
final class InstanceChanges {

    private long changes; // guarded by this

    /**
     * Wakes the waiter whenever {@code m}'s roles or connection change; call it after {@code
     * m.start()}, so that {@code m} takes a connection change in before this hears of it.
     */
    ZooKeeperMastership watch(ZooKeeperMastership m) {
        m.addListener(e -> changed());
        m.addConnectionListener(state -> changed());
        return m;
    }

    private synchronized void changed() {
        changes++;
        notifyAll();
    }

    /**
     * Returns once {@code done} holds; fails when it does not within {@code limit}. The condition
     * is checked without holding the lock the instances' announcements take.
     */
    void await(Duration limit, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (true) {
            long seen;
            synchronized (this) {
                seen = changes;
            }
            if (done.getAsBoolean()) {
                return;
            }
            synchronized (this) {
                while (changes == seen) {
                    long left = end - System.nanoTime();
                    assertThat(left).as("condition within %s", limit).isPositive();
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            }
        }
    }
}
