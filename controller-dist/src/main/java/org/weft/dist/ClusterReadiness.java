package org.weft.dist;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.cluster.ZooKeeperMastership;
import org.weft.time.SystemTime;

/**
 * Makes a cluster instance a candidate for mastership once it would program a switch as the other
 * instances do: the links and hosts they shared are loaded and the routes toward those hosts are
 * planned (routing idle twice in a row, {@value #POLL_MS} ms apart). A restarted instance that took
 * switches over before that would find their routes unknown to it and remove them in its first
 * reconcile pass. After {@code cap} it becomes a candidate anyway, saying so.
 */
final class ClusterReadiness {

    private static final Logger log = LoggerFactory.getLogger(ClusterReadiness.class);
    private static final long POLL_MS = 200;

    private ClusterReadiness() {}

    /**
     * @param ready whether the shared state is loaded and routing idle now
     */
    static void start(
            ZooKeeperMastership zk, BooleanSupplier ready, SystemTime time, Duration cap) {
        long deadline = time.nanos() + cap.toNanos();
        AtomicInteger idleChecks = new AtomicInteger();
        Future<?>[] poll = new Future<?>[1];
        Runnable check =
                () -> {
                    int idle;
                    if (ready.getAsBoolean()) {
                        idle = idleChecks.incrementAndGet();
                    } else {
                        idleChecks.set(0);
                        idle = 0;
                    }
                    boolean late = time.nanos() > deadline;
                    if (idle >= 2 || late) {
                        if (late && idle < 2) {
                            log.warn(
                                    "Not settled after {} s (shared links and hosts loaded,"
                                            + " routes planned): a mastership candidate anyway",
                                    cap.toSeconds());
                        }
                        zk.becomeCandidate();
                        synchronized (poll) {
                            poll[0].cancel(false);
                        }
                    }
                };
        synchronized (poll) {
            poll[0] =
                    time.scheduleWithFixedDelay(
                            Duration.ofMillis(POLL_MS), Duration.ofMillis(POLL_MS), check);
        }
    }
}
