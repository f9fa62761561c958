package org.weft.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FloodResultTest {

    private static FloodResult run(long... answersPerSecond) {
        return new FloodResult(
                List.of(),
                answersPerSecond,
                new long[answersPerSecond.length],
                answersPerSecond.length,
                -1,
                -1,
                null);
    }

    @Test
    void answersAfterWarmUpAverageOnlyTheSecondsAfterIt() {
        FloodResult r = run(0, 100, 1_000, 3_000);

        assertThat(r.answersPerSecAfter(2)).isEqualTo(2_000.0);
        assertThat(r.answersPerSecAfter(3)).isEqualTo(3_000.0);
    }

    @Test
    void withoutWarmUpTheWholeRunCounts() {
        FloodResult r = run(0, 100, 1_000, 3_000);

        assertThat(r.answersPerSecAfter(0)).isEqualTo(r.answersPerSec());
    }
}
