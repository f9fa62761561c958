package org.weft.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JvmThreadCpuTest {

    @Test
    void theJvmsThreadsAreToldApartByName() {
        assertThat(JvmThreadCpu.family("GC Thread#1")).isEqualTo("gc");
        assertThat(JvmThreadCpu.family("G1 Refine#0")).isEqualTo("gc");
        assertThat(JvmThreadCpu.family("C2 CompilerThre")).isEqualTo("jit");
        assertThat(JvmThreadCpu.family("C1 CompilerThre")).isEqualTo("jit");
        assertThat(JvmThreadCpu.family("weft-of-io-3-1")).isEqualTo("other");
    }
}
