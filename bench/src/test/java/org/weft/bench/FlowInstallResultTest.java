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
}
