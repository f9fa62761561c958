package org.weft.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Real time: timers run on the source's own thread and survive a task that throws. */
class SystemTimeIT {

    @Test
    void aPeriodicTaskThatThrowsRunsAgainOnTheTimerThread() throws Exception {
        try (SystemTime time = SystemTime.start("weft-timer-it")) {
            AtomicInteger runs = new AtomicInteger();
            AtomicReference<String> thread = new AtomicReference<>();
            CountDownLatch twice = new CountDownLatch(2);
            Future<?> f =
                    time.scheduleWithFixedDelay(
                            Duration.ZERO,
                            Duration.ofMillis(1),
                            () -> {
                                thread.set(Thread.currentThread().getName());
                                twice.countDown();
                                if (runs.incrementAndGet() == 1) {
                                    throw new IllegalStateException("first run fails");
                                }
                            });

            assertThat(twice.await(10, TimeUnit.SECONDS)).as("ran again after failing").isTrue();
            f.cancel(false);
            assertThat(thread.get()).isEqualTo("weft-timer-it");
        }
    }

    @Test
    void aClosedSourceTakesNoMoreTasksAndTheSharedOneIsNeverClosed() {
        SystemTime time = SystemTime.start("weft-timer-closed");
        time.close();
        assertThatThrownBy(() -> time.schedule(Duration.ZERO, () -> {}))
                .isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> SystemTime.shared().close())
                .isInstanceOf(IllegalStateException.class);
        assertThat(TimeSource.system()).isSameAs(SystemTime.shared());
    }
}
