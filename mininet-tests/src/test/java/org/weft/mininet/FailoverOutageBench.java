package org.weft.mininet;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Figures for BENCHMARKS.md, not a test: runs only with {@code -Dweft.bench.failover=N} (N cuts).
 * On ring(4) with OpenFlow 1.3, h1 (on s1) pings h2 (on s2) every 10 ms over the s1-s2 cable; the
 * cable is cut and restored N times. Each cut's outage is the largest gap between ping replies.
 * Once with fast-failover groups (the default) and once with restoration by the controller alone
 * ({@code routing.protection: false}). The controller's reaction times (topology change to last
 * barrier reply) come from its failover log lines. Records median and worst; asserts nothing.
 */
class FailoverOutageBench extends MininetTestSupport {

    private static final Pattern REACTION = Pattern.compile("reaction ([0-9.]+) ms");

    @ParameterizedTest(name = "protection {0}")
    @ValueSource(booleans = {true, false})
    void outageOverRepeatedCuts(boolean protection) throws IOException {
        String n = System.getProperty("weft.bench.failover");
        assumeTrue(n != null, "set -Dweft.bench.failover=N to run");
        int cuts = Integer.parseInt(n);
        Topology ring = Topologies.ring(4);
        startWeft("routing:\n  protection: " + protection + "\n  recoveryHoldDownMs: 500\n");
        buildAndDiscover(ring, OpenFlowVersion.OF13);
        fabric.awaitAllReach(ring.allHostPairs(), Duration.ofSeconds(45), "before the cuts");
        Outages.Result r = Outages.cutRepeatedly(fabric, mininet, cuts);
        List<Double> outages = new ArrayList<>(r.outagesMs());
        int lost = r.lost();
        Collections.sort(outages);
        List<Double> reactions = new ArrayList<>();
        Matcher m = REACTION.matcher(Files.readString(weft.log()));
        while (m.find()) {
            reactions.add(Double.parseDouble(m.group(1)));
        }
        Collections.sort(reactions);
        r.perCut().forEach(this::record);
        record(
                String.format(
                        "ring(4) OF1.3 protection=%s: %d cuts, outage (largest gap of a 10 ms ping)"
                                + " median %.0f ms, worst %.0f ms, pings lost %d; controller reaction (loss) median %s ms,"
                                + " worst %s ms over %d failovers",
                        protection,
                        cuts,
                        outages.get(outages.size() / 2),
                        outages.get(outages.size() - 1),
                        lost,
                        reactions.isEmpty() ? "-" : reactions.get(reactions.size() / 2),
                        reactions.isEmpty() ? "-" : reactions.get(reactions.size() - 1),
                        reactions.size()));
    }
}
