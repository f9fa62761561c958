package org.weft.net.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {

    @Test
    void returnsOnceTheConditionHolds() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        Await.until(() -> polls.incrementAndGet() >= 3, Duration.ofSeconds(10), "third poll");
        assertThat(polls).hasValue(3);
    }

    @Test
    void failsNamingTheConditionAfterTheTimeoutWithFewPolls() {
        AtomicInteger polls = new AtomicInteger();
        assertThatThrownBy(
                        () ->
                                Await.until(
                                        () -> polls.incrementAndGet() < 0,
                                        Duration.ofMillis(300),
                                        "never"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("never: not reached within PT0.3S");
        // 1, 2, 4, ... 64 ms, then 100 ms pauses: about 10 polls in 300 ms, never one per ms.
        assertThat(polls.get()).isBetween(2, 20);
    }
}
