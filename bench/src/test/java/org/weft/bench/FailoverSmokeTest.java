package org.weft.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The failover bench end to end on a k=4 fat tree (20 switches, 8 hosts) with two cuts (one
 * edge-aggregation, one aggregation-core cable). Checks that every cut was re-routed and nothing
 * points into the cut ports; never a performance figure.
 */
class FailoverSmokeTest {

    @Test
    @Timeout(60)
    void everyCutIsReroutedAndNothingPointsIntoTheCutPorts() throws Exception {
        FailoverRun.Options opt =
                new FailoverRun.Options(4, 1, 2, true, 300, 200, false, Duration.ofSeconds(10));

        FailoverResult r = new FailoverRun(opt).run();

        assertThat(r.switches()).isEqualTo(20);
        assertThat(r.links()).isEqualTo(64);
        assertThat(r.hosts()).isEqualTo(8);
        assertThat(r.cuts()).hasSize(2);
        assertThat(r.cuts())
                .extracting(FailoverResult.Cut::layer)
                .containsExactly("edge-agg", "agg-core");
        for (FailoverResult.Cut c : r.cuts()) {
            assertThat(c.rerouted())
                    .as("cut of %s: no REROUTED event for it within 10 s", c.cable())
                    .isTrue();
            assertThat(c.destinations()).as("destinations re-routed, %s", c).isPositive();
            assertThat(c.flowChanges()).as("flow changes, %s", c).isPositive();
            assertThat(c.observedNanos()).as("cut to event, %s", c).isPositive();
            assertThat(c.reactionNanos()).as("reaction, %s", c).isPositive();
            assertThat(c.convergedMillis()).as("converged after the cut, %s", c).isNotNegative();
            assertThat(c.staleAfter())
                    .as("entries outputting into the cut ports after convergence, %s", c)
                    .isZero();
            assertThat(c.recoveredMillis())
                    .as("re-optimised after the restore, %s", c)
                    .isNotNegative();
        }
        assertThat(r.allOk()).isTrue();
        // Installing the routes took CPU on Weft's I/O and routing threads and the emulator's,
        // and the parts add up to no more than the process's (a little slack: separate reads).
        SetupCpu cpu = r.setupCpu();
        assertThat(cpu.weftByFamily()).containsKeys("weft-of-io", "weft-routing");
        assertThat(cpu.weftByFamily().get("weft-routing")).isPositive();
        assertThat(cpu.emulatorSeconds()).isPositive();
        assertThat(cpu.weftSeconds() + cpu.emulatorSeconds())
                .isLessThanOrEqualTo(cpu.processSeconds() + 0.05);
    }
}
