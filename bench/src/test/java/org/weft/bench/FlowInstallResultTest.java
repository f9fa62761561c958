package org.weft.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlowInstallResultTest {

    private static FlowInstallResult run(double process, double weft, double caller, double emu) {
        return new FlowInstallResult(
                1_000_000, 1_000_000, 2.0, process, weft, caller, 0.05, emu, 1, 2, 0.1, 1.5, 0.02,
                0.01);
    }

    @Test
    void aSaturatedEmulatorThreadIsTheLimit() {
        FlowInstallResult r = run(3.0, 0.6, 0.4, 1.9);
        assertThat(r.limitKey()).isEqualTo("emulator");
        assertThat(r.limit()).contains("0.95 cores");
        assertThat(r.weftCpu()).isEqualTo(1.0);
        assertThat(r.rulesPerWeftCpuSecond()).isEqualTo(1_000_000);
        assertThat(r.otherCpu()).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aSaturatedCallerIsWeftsLimit() {
        assertThat(run(3.0, 0.4, 1.8, 0.8).limitKey()).isEqualTo("weft-caller");
    }

    @Test
    void aFullMachineWithNoSaturatedThreadIsTheMachinesLimit() {
        FlowInstallResult r = run(3.6, 1.6, 1.0, 1.0);
        assertThat(r.limitKey()).isEqualTo("machine");
        assertThat(r.limit()).contains("1.80 of 2 cores");
    }

    @Test
    void idleCoresMeanNoCoreWasTheLimit() {
        FlowInstallResult r = run(1.0, 0.3, 0.2, 0.4);
        assertThat(r.limitKey()).isEqualTo("none");
        assertThat(r.limit()).contains("load average 1.5");
    }

    @Test
    void theSideWithFewerRulesPerCpuSecondWouldBeTheLimitOnACoreEach() {
        // Weft: 1,000,000 rules in 0.5 s of CPU; the emulator: in 0.8 s.
        FlowInstallResult r = run(1.5, 0.3, 0.2, 0.8);
        assertThat(r.rulesPerWeftCpuSecond()).isEqualTo(2_000_000);
        assertThat(r.rulesPerEmulatorCpuSecond()).isEqualTo(1_250_000);
        assertThat(r.slowerSide()).isEqualTo("emulator");
        assertThat(run(1.5, 0.6, 0.4, 0.8).slowerSide()).isEqualTo("Weft");
    }

    @Test
    void theGoalLineSaysWhetherItWasMetAndWhoseCoreWasTheLimit() {
        // 1,000,000 rules in 2 s: 500,000 rules/s.
        String emulatorBound = run(3.0, 0.6, 0.4, 1.9).goal();
        assertThat(emulatorBound)
                .startsWith("GOAL 1,000,000 confirmed rules/s: NOT MET (500,000 rules/s).")
                .contains("Limit: the emulator's core")
                .contains("emulator 1.90 s CPU = 0.95 cores (526,316 rules per emulator")
                .contains("Weft's share 1.00 s CPU = 0.50 cores (1,000,000 rules per Weft");
        assertThat(run(3.6, 1.6, 1.0, 1.0).goal())
                .contains("NOT MET")
                .contains("Limit: the machine's 2 cores, not one side's core")
                .contains("with a core each, Weft's core would be the limit");
        assertThat(run(1.0, 0.3, 0.2, 0.4).goal())
                .contains(
                        "Limit: no core saturated (process 0.50 of 2 cores, system load average 1.5")
                .contains("with a core each, Weft's core would be the limit");

        FlowInstallResult fast =
                new FlowInstallResult(
                        1_000_000, 1_000_000, 0.8, 1.5, 0.3, 0.2, 0.05, 0.7, 1, 2, 0.1, 1.5, 0.02,
                        0.01);
        assertThat(fast.goal())
                .startsWith("GOAL 1,000,000 confirmed rules/s: MET (1,250,000 rules/s).")
                .doesNotContain("Limit");
    }
}
