package org.weft.openflow.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PacketInWorkersTest {

    private static void await(CountDownLatch l) throws InterruptedException {
        assertThat(l.await(5, TimeUnit.SECONDS)).as("work done within 5 s").isTrue();
    }

    @Test
    void oneLaneRunsInOrderAndAThrowingItemDoesNotStopIt() throws Exception {
        try (PacketInWorkers w = new PacketInWorkers(2, 1_000)) {
            PacketInWorkers.Lane lane = w.newLane();
            List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch done = new CountDownLatch(1);
            for (int i = 0; i < 500; i++) {
                int n = i;
                assertThat(
                                w.submit(
                                        lane,
                                        () -> {
                                            seen.add(n);
                                            if (n == 250) {
                                                throw new IllegalStateException("test");
                                            }
                                        }))
                        .isTrue();
            }
            w.submit(lane, done::countDown);
            await(done);
            assertThat(seen).hasSize(500).isSorted();
        }
    }

    @Test
    void aFullLaneRefusesAndOthersStillTakeWork() throws Exception {
        try (PacketInWorkers w = new PacketInWorkers(1, 10)) {
            CountDownLatch release = new CountDownLatch(1);
            PacketInWorkers.Lane busy = w.newLane();
            w.submit(busy, () -> awaitQuietly(release)); // occupies the only worker
            int accepted = 0;
            for (int i = 0; i < 50; i++) {
                accepted += w.submit(busy, () -> {}) ? 1 : 0;
            }
            assertThat(accepted).isBetween(9, 10); // the blocked item may or may not still count
            PacketInWorkers.Lane other = w.newLane();
            CountDownLatch otherDone = new CountDownLatch(1);
            assertThat(w.submit(other, otherDone::countDown)).isTrue();
            release.countDown();
            await(otherDone);
        }
    }

    @Test
    void aFloodingLaneWaitsItsTurn() throws Exception {
        try (PacketInWorkers w = new PacketInWorkers(1, 10_000)) {
            CountDownLatch release = new CountDownLatch(1);
            List<String> order = Collections.synchronizedList(new ArrayList<>());
            PacketInWorkers.Lane flood = w.newLane();
            w.submit(flood, () -> awaitQuietly(release));
            for (int i = 0; i < 1_000; i++) {
                int n = i;
                w.submit(flood, () -> order.add("flood" + n));
            }
            PacketInWorkers.Lane quiet = w.newLane();
            CountDownLatch quietDone = new CountDownLatch(10);
            for (int i = 0; i < 10; i++) {
                w.submit(
                        quiet,
                        () -> {
                            order.add("quiet");
                            quietDone.countDown();
                        });
            }
            release.countDown();
            await(quietDone);
            int lastQuiet = order.lastIndexOf("quiet");
            assertThat(lastQuiet)
                    .as("the quiet lane's 10 items run after at most one turn of the flood")
                    .isLessThan(PacketInWorkers.TURN + 10);
        }
    }

    @Test
    void aClosedLaneDropsWhatItHeldAndRefusesMore() throws Exception {
        try (PacketInWorkers w = new PacketInWorkers(1, 100)) {
            CountDownLatch release = new CountDownLatch(1);
            PacketInWorkers.Lane blocker = w.newLane();
            w.submit(blocker, () -> awaitQuietly(release));
            PacketInWorkers.Lane lane = w.newLane();
            List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < 5; i++) {
                int n = i;
                w.submit(lane, () -> ran.add(n));
            }
            w.close(lane);
            assertThat(w.submit(lane, () -> ran.add(99))).isFalse();
            CountDownLatch after = new CountDownLatch(1);
            w.submit(blocker, after::countDown);
            release.countDown();
            await(after);
            assertThat(ran).isEmpty();
        }
    }

    @Test
    void anIdleLaneRunsOnTheCallerUntilItsInlineBudgetIsSpent() throws Exception {
        AtomicLong now = new AtomicLong();
        try (PacketInWorkers w = new PacketInWorkers(1, 1_000, now::get, () -> true)) {
            PacketInWorkers.Lane lane = w.newLane();
            Thread caller = Thread.currentThread();
            List<Thread> ranOn = Collections.synchronizedList(new ArrayList<>());
            assertThat(w.runOrSubmit(lane, () -> ranOn.add(Thread.currentThread()))).isTrue();
            assertThat(ranOn).containsExactly(caller);
            // Work worth more than the inline share of a window: the rest goes to the worker.
            long spendNanos =
                    (long) (PacketInWorkers.INLINE_WINDOW_NANOS * PacketInWorkers.INLINE_SHARE);
            ranOn.clear();
            w.runOrSubmit(
                    lane,
                    () -> {
                        ranOn.add(Thread.currentThread());
                        now.addAndGet(spendNanos);
                    });
            CountDownLatch done = new CountDownLatch(1);
            w.runOrSubmit(
                    lane,
                    () -> {
                        ranOn.add(Thread.currentThread());
                        done.countDown();
                    });
            await(done);
            assertThat(ranOn).hasSize(2);
            assertThat(ranOn.get(0)).isEqualTo(caller);
            assertThat(ranOn.get(1)).isNotEqualTo(caller);
        }
    }

    @Test
    void oneSlowInlineItemKeepsTheCallerOffInlineWorkUntilItsDebtIsPaid() throws Exception {
        AtomicLong now = new AtomicLong();
        long allowance = PacketInWorkers.INLINE_ALLOWANCE_NANOS;
        try (PacketInWorkers w = new PacketInWorkers(1, 1_000, now::get, () -> true)) {
            PacketInWorkers.Lane lane = w.newLane();
            Thread caller = Thread.currentThread();
            // A cold start's first packet: ten windows' allowance (two windows of time) in one
            // item.
            assertThat(w.runOrSubmit(lane, () -> now.addAndGet(10 * allowance))).isTrue();
            // Nine windows after it started nine allowances are paid: in debt, a worker runs it.
            now.addAndGet(7 * PacketInWorkers.INLINE_WINDOW_NANOS);
            assertThat(ranOn(w, w.newLane())).isNotEqualTo(caller);
            // One more window pays the rest.
            now.addAndGet(PacketInWorkers.INLINE_WINDOW_NANOS);
            assertThat(ranOn(w, w.newLane())).isEqualTo(caller);
        }
    }

    @Test
    void aCallerThatIsNotFreeNeverRunsWorkInline() throws Exception {
        AtomicBoolean free = new AtomicBoolean(false);
        try (PacketInWorkers w = new PacketInWorkers(1, 1_000, System::nanoTime, free::get)) {
            Thread caller = Thread.currentThread();
            assertThat(ranOn(w, w.newLane())).isNotEqualTo(caller);
            free.set(true);
            assertThat(ranOn(w, w.newLane())).isEqualTo(caller);
        }
    }

    /** The thread one item given to runOrSubmit on an idle lane ran on, once it has run. */
    private static Thread ranOn(PacketInWorkers w, PacketInWorkers.Lane lane) throws Exception {
        AtomicReference<Thread> on = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        assertThat(
                        w.runOrSubmit(
                                lane,
                                () -> {
                                    on.set(Thread.currentThread());
                                    done.countDown();
                                }))
                .isTrue();
        await(done);
        return on.get();
    }

    @Test
    void aBusyLaneNeverRunsOnTheCallerSoOrderIsKept() throws Exception {
        try (PacketInWorkers w = new PacketInWorkers(1, 1_000)) {
            CountDownLatch release = new CountDownLatch(1);
            PacketInWorkers.Lane lane = w.newLane();
            List<Integer> order = Collections.synchronizedList(new ArrayList<>());
            w.submit(
                    lane,
                    () -> {
                        awaitQuietly(release);
                        order.add(0);
                    });
            CountDownLatch done = new CountDownLatch(1);
            w.runOrSubmit(
                    lane,
                    () -> {
                        order.add(1);
                        done.countDown();
                    });
            assertThat(order).isEmpty();
            release.countDown();
            await(done);
            assertThat(order).containsExactly(0, 1);
        }
    }

    private static void awaitQuietly(CountDownLatch l) {
        try {
            l.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
