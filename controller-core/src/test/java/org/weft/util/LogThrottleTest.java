package org.weft.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogThrottleTest {

    @Test
    void logsTheFirstThenOnePerIntervalWithTheCountLeftOut() {
        AtomicLong now = new AtomicLong();
        LogThrottle t = new LogThrottle(Duration.ofSeconds(10), now::get);
        assertThat(t.admit()).isZero();
        for (int i = 0; i < 99; i++) {
            now.addAndGet(50_000_000);
            assertThat(t.admit()).isEqualTo(-1);
        }
        now.set(Duration.ofSeconds(10).toNanos());
        assertThat(t.admit()).isEqualTo(99);
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        assertThat(t.admit()).isZero();
    }
}
