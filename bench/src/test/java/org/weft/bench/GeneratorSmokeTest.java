package org.weft.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.weft.dist.Weft;
import org.weft.dist.WeftConfig;
import org.weft.openflow.emulator.OpenFlowVersion;

/**
 * Runs the generator end to end against an in-process Weft on a tiny load for a second or two.
 * Checks only that something was measured; never a performance figure.
 */
class GeneratorSmokeTest {

    private static LoadOptions tinyLoad(int port) {
        LoadOptions opt = new LoadOptions();
        opt.controller = "127.0.0.1:" + port;
        opt.switches = 2;
        opt.hosts = 10;
        opt.ports = 2;
        opt.warmupSeconds = 0;
        opt.seconds = 1;
        opt.ioThreads = 1;
        opt.stallMillis = 250;
        opt.dpidBase = 1;
        return opt;
    }

    private static Weft startWeft() throws Exception {
        WeftConfig cfg = new WeftConfig();
        cfg.openflow.ports = List.of(0);
        return Weft.start(cfg, name -> null); // the caller's environment plays no part
    }

    @Test
    void throughputMeasuresAnswers() throws Exception {
        try (Weft weft = startWeft()) {
            LoadResult r = new LoadRun(tinyLoad(weft.openflowPorts().get(0)), 4, false).run();
            assertThat(r.meanAnswersPerSecond()).isPositive();
            assertThat(r.answersPerSecond()).hasSize(1);
            // Weft answers an unbuffered packet-in with a flow-mod and a packet-out: one answer.
            assertThat(r.meanAnswersPerSecond()).isLessThanOrEqualTo(r.meanPacketOutsPerSecond());
        }
    }

    @Test
    void latencyRecordsSamples() throws Exception {
        try (Weft weft = startWeft()) {
            LoadResult r = new LoadRun(tinyLoad(weft.openflowPorts().get(0)), 1, true).run();
            assertThat(r.latencyNanos().getTotalCount()).isPositive();
        }
    }

    @Test
    void flowInstallConfirmsRules() throws Exception {
        FlowInstallResult r =
                new FlowInstallRun(2, 200, 50, 2, OpenFlowVersion.OF_13, Duration.ofSeconds(30))
                        .run();
        assertThat(r.rules()).isEqualTo(200);
        assertThat(r.flowModsSeen()).isGreaterThanOrEqualTo(200);
        assertThat(r.rulesPerSecond()).isPositive();
        // Both sides did work on their own threads, measured apart.
        assertThat(r.emulatorCpu()).isPositive();
        assertThat(r.weftCpu()).isPositive();
        assertThat(r.callerCpu()).isPositive();
    }

    @Test
    void flowInstallOneBatchPerApplyConfirmsRules() throws Exception {
        FlowInstallResult r =
                new FlowInstallRun(2, 230, 50, 2, OpenFlowVersion.OF_10, Duration.ofSeconds(30))
                        .withOneByOne(true)
                        .run();
        assertThat(r.rules()).isEqualTo(230);
        assertThat(r.flowModsSeen()).isGreaterThanOrEqualTo(230);
    }
}
