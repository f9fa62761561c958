package org.weft.routing.steering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.weft.time.VirtualTime;

class SteeringExecutorTest {

    private final List<String> ran = new CopyOnWriteArrayList<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final SteeringExecutor executor =
            new SteeringExecutor(
                    2,
                    () -> {
                        ran.add("catch-up");
                        caughtUp.countDown();
                    },
                    new VirtualTime()::nanos);

    @AfterEach
    void stop() throws InterruptedException {
        executor.shutdown(Duration.ofSeconds(5));
    }

    /** Occupies the thread until the returned latch is counted down. */
    private CountDownLatch blockThread() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        executor.execute(
                () -> {
                    running.countDown();
                    try {
                        release.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
        assertThat(running.await(5, TimeUnit.SECONDS)).as("the thread took the task").isTrue();
        return release;
    }

    @Test
    void aRequestBeyondTheBoundIsRefusedAndCounted() throws Exception {
        CountDownLatch release = blockThread();
        executor.execute(() -> ran.add("a"));
        executor.execute(() -> ran.add("b"));
        assertThat(executor.queued()).isEqualTo(2);

        assertThatThrownBy(() -> executor.execute(() -> ran.add("c")))
                .isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> executor.execute(() -> ran.add("d")))
                .isInstanceOf(RejectedExecutionException.class);
        assertThat(executor.rejected()).isEqualTo(2);
        assertThat(executor.queued()).isEqualTo(2);

        release.countDown();
        assertThat(executor.shutdown(Duration.ofSeconds(5))).isTrue();
        assertThat(ran).containsExactly("a", "b");
    }

    @Test
    void aRefusedChangeNoticeIsMadeUpByOneCatchUpAfterTheRunningTask() throws Exception {
        CountDownLatch release = blockThread();
        executor.executeOrCatchUp(() -> ran.add("a"));
        executor.executeOrCatchUp(() -> ran.add("b"));
        executor.executeOrCatchUp(() -> ran.add("refused 1"));
        executor.executeOrCatchUp(() -> ran.add("refused 2"));
        assertThat(executor.rejected()).isEqualTo(2);

        release.countDown();
        assertThat(caughtUp.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(executor.shutdown(Duration.ofSeconds(5))).isTrue();
        assertThat(ran)
                .as("one catch-up, once the running task ends")
                .containsExactly("catch-up", "a", "b");
    }

    @Test
    void withRoomNothingIsRefusedAndNoCatchUpRuns() throws Exception {
        executor.executeOrCatchUp(() -> ran.add("a"));
        executor.execute(() -> ran.add("b"));
        assertThat(executor.shutdown(Duration.ofSeconds(5))).isTrue();
        assertThat(ran).containsExactly("a", "b");
        assertThat(executor.rejected()).isZero();
    }
}
