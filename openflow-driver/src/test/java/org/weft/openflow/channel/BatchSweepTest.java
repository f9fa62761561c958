package org.weft.openflow.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.net.flow.BatchResult;

/**
 * Batches fail by a sweep, not by a timer each: on a manual clock, a batch unanswered for the
 * request timeout fails with a {@link TimeoutException} (counted, the switch reported out of sync),
 * not a nanosecond earlier; an answered one never does; and one sweep is scheduled at a time, only
 * while batches are pending.
 */
class BatchSweepTest {

    private static final long TIMEOUT = Duration.ofSeconds(10).toNanos();

    /** The sweeps asked for, run by hand: task, delay, and when it is due on the clock. */
    private record Scheduled(Runnable sweep, long delayNanos, long due) {}

    private final List<Scheduled> scheduled = new ArrayList<>();
    private final ChannelCounters counters = new ChannelCounters();
    private final AtomicInteger reported = new AtomicInteger();
    private long now = 1_000_000L;

    private final PendingRequests pending =
            new PendingRequests(
                    Dpid.of(7),
                    PendingRequestsTest.limits(Duration.ofNanos(TIMEOUT), 10, 1 << 20),
                    counters,
                    reported::incrementAndGet,
                    (sweep, delay) -> scheduled.add(new Scheduled(sweep, delay, now + delay)),
                    () -> now);

    /** Advances the clock to the next scheduled sweep (if not past it already) and runs it. */
    private void runNextSweep() {
        assertThat(scheduled).as("a sweep is scheduled").hasSize(1);
        Scheduled s = scheduled.remove(0);
        now = Math.max(now, s.due());
        s.sweep().run();
    }

    private static void assertTimedOut(CompletableFuture<BatchResult> f) {
        assertThat(f)
                .failsWithin(Duration.ZERO)
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(TimeoutException.class);
    }

    @Test
    void anUnansweredBatchFailsAtItsDeadlineNotBeforeAndIsCountedOnce() {
        CompletableFuture<BatchResult> f = pending.expectBarrier(10, 13);
        assertThat(scheduled).hasSize(1);
        assertThat(scheduled.get(0).delayNanos()).isEqualTo(TIMEOUT);

        // A sweep that runs early (a timer may) fails nothing and comes back at the deadline.
        now += TIMEOUT - 1;
        scheduled.remove(0).sweep().run();
        assertThat(f).isNotDone();
        assertThat(counters.requestTimeouts.sum()).isZero();
        assertThat(scheduled).hasSize(1);
        assertThat(scheduled.get(0).delayNanos()).isEqualTo(1);

        runNextSweep();
        assertTimedOut(f);
        assertThat(counters.requestTimeouts.sum()).isEqualTo(1);
        assertThat(reported.get()).isEqualTo(1);
        assertThat(pending.size()).isZero();
        assertThat(scheduled).as("nothing pending: no sweep").isEmpty();
        assertThat(pending.barrierReply(13)).as("a late barrier reply answers nothing").isFalse();
    }

    @Test
    void anAnsweredBatchIsNeitherFailedNorCounted() throws Exception {
        CompletableFuture<BatchResult> f = pending.expectBarrier(10, 13);
        now += TIMEOUT / 2;
        assertThat(pending.barrierReply(13)).isTrue();
        assertThat(f.get().ok()).isTrue();

        runNextSweep();
        assertThat(counters.requestTimeouts.sum()).isZero();
        assertThat(reported.get()).isZero();
        assertThat(scheduled).isEmpty();
    }

    @Test
    void manyBatchesShareOneSweepAndEachFailsAtItsOwnDeadline() {
        List<CompletableFuture<BatchResult>> first = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            first.add(pending.expectBarrier(100 + 2 * i, 101 + 2 * i));
        }
        assertThat(scheduled).as("one sweep for a hundred batches").hasSize(1);
        now += TIMEOUT / 2;
        CompletableFuture<BatchResult> later = pending.expectBarrier(1000, 1001);
        assertThat(scheduled).hasSize(1);
        pending.barrierReply(101); // the first batch is answered

        runNextSweep(); // at the first batches' deadline
        assertThat(first.get(0)).isCompleted();
        first.subList(1, 100).forEach(BatchSweepTest::assertTimedOut);
        assertThat(later).as("sent half a timeout later").isNotDone();
        assertThat(counters.requestTimeouts.sum()).isEqualTo(99);
        assertThat(reported.get()).as("reported once per timeout").isEqualTo(1);

        runNextSweep(); // at the later batch's deadline
        assertTimedOut(later);
        assertThat(counters.requestTimeouts.sum()).isEqualTo(100);
        assertThat(pending.size()).isZero();
        assertThat(scheduled).isEmpty();
    }

    @Test
    void aBatchAfterAnIdleSpellSchedulesASweepAgain() {
        pending.expectBarrier(10, 11);
        runNextSweep();
        assertThat(scheduled).isEmpty();
        now += 5 * TIMEOUT;

        CompletableFuture<BatchResult> f = pending.expectBarrier(20, 21);
        assertThat(scheduled).hasSize(1);
        runNextSweep();
        assertTimedOut(f);
        assertThat(counters.requestTimeouts.sum()).isEqualTo(2);
    }

    @Test
    void aSwitchGoneBeforeTheDeadlineCountsNoTimeout() {
        CompletableFuture<BatchResult> f = pending.expectBarrier(10, 11);
        pending.failAll();
        runNextSweep();
        assertThat(f).isCompletedExceptionally();
        assertThat(counters.requestTimeouts.sum()).isZero();
        assertThat(scheduled).isEmpty();
    }
}
