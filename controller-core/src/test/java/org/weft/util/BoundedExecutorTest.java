package org.weft.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BoundedExecutorTest {

    @Test
    void workOverTheBoundIsRejectedAndCountedAndTheRestRuns() throws Exception {
        BoundedExecutor e = new BoundedExecutor("test-bounded", 3);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch ran = new CountDownLatch(3);
        try {
            e.execute(
                    () -> {
                        running.countDown();
                        awaitQuietly(release);
                    });
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 3; i++) {
                assertThat(e.tryExecute(ran::countDown)).isTrue();
            }
            assertThat(e.backlog()).isEqualTo(3);

            assertThat(e.tryExecute(ran::countDown)).isFalse();
            assertThatThrownBy(() -> e.execute(ran::countDown))
                    .isInstanceOf(RejectedExecutionException.class);
            assertThat(e.rejected()).isEqualTo(2);

            release.countDown();
            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            release.countDown();
            e.shutdown();
        }
        assertThat(e.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(e.tryExecute(ran::countDown)).isFalse();
        assertThat(e.rejected()).as("work after shutdown is not counted").isEqualTo(2);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
