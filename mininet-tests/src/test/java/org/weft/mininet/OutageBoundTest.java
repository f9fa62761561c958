package org.weft.mininet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The outage of a cut on the active path stays under a bound, with fast-failover groups (the switch
 * protects itself) and with restoration by the controller alone ({@code routing.protection:
 * false}). ring(4), OpenFlow 1.3, 3 cuts each; BENCHMARKS.md has the figures over 20 cuts. The
 * bounds are loose enough for a busy 2-core CI machine (targets: no lost ping with groups, under 50
 * ms without).
 */
class OutageBoundTest extends MininetTestSupport {

    @ParameterizedTest(name = "protection {0}")
    @CsvSource({"true, 300", "false, 600"})
    void outageOfACutStaysUnderItsBound(boolean protection, long boundMs) throws IOException {
        Topology ring = Topologies.ring(4);
        startWeft("routing:\n  protection: " + protection + "\n  recoveryHoldDownMs: 500\n");
        buildAndDiscover(ring, OpenFlowVersion.OF13);
        fabric.awaitAllReach(ring.allHostPairs(), Duration.ofSeconds(45), "before the cuts");
        Outages.Result r = Outages.cutRepeatedly(fabric, mininet, 3);
        record(
                String.format(
                        "ring(4) protection=%s: outages %s ms, %d pings lost",
                        protection, r.outagesMs(), r.lost()));
        assertThat(r.worst())
                .as("worst outage over 3 cuts (ms), protection %s", protection)
                .isLessThan(boundMs);
    }
}
