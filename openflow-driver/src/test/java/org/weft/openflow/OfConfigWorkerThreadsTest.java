package org.weft.openflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfConfigWorkerThreadsTest {

    private static OfConfig withWorkers(int n) {
        return new OfConfig(
                "127.0.0.1",
                List.of(0),
                Duration.ofSeconds(10),
                Duration.ofSeconds(2),
                3,
                Duration.ofSeconds(1),
                0xffff,
                false,
                n,
                null);
    }

    @Test
    void defaultIsOneIoThreadPerAvailableCoreNotNettysTwo() {
        assertThat(OfConfig.defaults().effectiveWorkerThreads())
                .isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void anExplicitCountIsKept() {
        assertThat(withWorkers(3).effectiveWorkerThreads()).isEqualTo(3);
    }

    @Test
    void aNegativeCountIsRefused() {
        assertThatThrownBy(() -> withWorkers(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("workerThreads");
    }
}
