package org.weft.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogThrottlesTest {

    @Test
    void eachSourceHasItsOwnFirstLineAndCount() {
        AtomicLong now = new AtomicLong();
        LogThrottles<String> t = new LogThrottles<>(Duration.ofSeconds(10), now::get);
        assertThat(t.admit("s1")).isZero();
        assertThat(t.admit("s1")).isEqualTo(-1);
        assertThat(t.admit("s1")).isEqualTo(-1);
        assertThat(t.admit("s2")).as("a noisy source does not hide another's first").isZero();
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(t.admit("s1")).isEqualTo(2);
        assertThat(t.admit("s2")).isZero();
    }

    @Test
    void manySourcesDoNotGrowItWithoutBound() {
        LogThrottles<Integer> t = new LogThrottles<>(Duration.ofSeconds(10), () -> 0);
        for (int i = 0; i <= LogThrottles.MAX_SOURCES; i++) {
            assertThat(t.admit(i)).isZero();
        }
        assertThat(t.admit(0)).as("forgotten: a first line again").isZero();
    }
}
