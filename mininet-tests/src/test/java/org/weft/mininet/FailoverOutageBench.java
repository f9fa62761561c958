package org.weft.mininet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Figures for BENCHMARKS.md, not a test: runs only with {@code -Dweft.bench.failover=N} (N cuts).
 * On ring(4) with OpenFlow 1.3, h1 (on s1) pings h2 (on s2) every 10 ms over the s1-s2 cable; the
 * cable is cut and restored N times. Each cut's outage is the largest gap between ping replies.
 * Once with fast-failover groups (the default) and once with restoration by the controller alone
 * ({@code routing.protection: false}). The controller's reaction times (topology change to last
 * barrier reply) come from its failover log lines. Records median and worst; asserts nothing. The
 * peer in the same run: the same cuts against groups installed by hand with no controller.
 */
class FailoverOutageBench extends MininetTestSupport {

    private static final Pattern REACTION = Pattern.compile("reaction ([0-9.]+) ms");

    /** A restoration's log line: its time, and how long after detection the last barrier came. */
    private static final Pattern HEALED =
            Pattern.compile(
                    "(?m)^(\\S+) INFO .* Failover: .* reaction [0-9.]+ ms, healed ([0-9]+) ms");

    /**
     * The same cuts against fast-failover groups installed by hand with no controller at all
     * ({@code ff_baseline.py}): what Open vSwitch's datapath alone loses when a veth goes down.
     */
    @Test
    void handInstalledGroupsWithoutAController() throws Exception {
        String n = System.getProperty("weft.bench.failover");
        assumeTrue(n != null, "set -Dweft.bench.failover=N to run");
        Path script = MininetEnvironment.driverScript().resolveSibling("ff_baseline.py");
        Process p =
                new ProcessBuilder(MininetEnvironment.PYTHON, script.toString(), n)
                        .redirectError(testDir.resolve("ff_baseline.log").toFile())
                        .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("ff_baseline.py finished").isTrue();
        assertThat(p.exitValue()).as("ff_baseline.py exit code, see ff_baseline.log").isZero();
        List<Double> outages = new ArrayList<>();
        int lost = 0;
        for (JsonNode cut : new ObjectMapper().readTree(out).path("cuts")) {
            outages.add(cut.path("outage_ms").asDouble());
            lost += cut.path("lost").asInt();
            record(
                    String.format(
                            "cut: outage %.1f ms, %d lost",
                            outages.get(outages.size() - 1), cut.path("lost").asInt()));
        }
        Collections.sort(outages);
        record(
                String.format(
                        "ring(4) OF1.3 hand-installed fast-failover groups, no controller: %d cuts,"
                                + " outage median %.0f ms, worst %.0f ms, pings lost %d",
                        outages.size(),
                        outages.get(outages.size() / 2),
                        outages.get(outages.size() - 1),
                        lost));
    }

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
        recordTimeline(r.cutAtMillis(), Files.readString(weft.log()));
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

    /**
     * Splits each cut's restoration in two from Weft's log: from the cut request until Weft heard
     * of it (Open vSwitch noticing the veth went down and sending PORT_STATUS), and from then until
     * the last barrier reply of the re-route.
     */
    private void recordTimeline(List<Long> cutAt, String log) {
        List<long[]> lines = new ArrayList<>(); // {logged at, healed ms}
        Matcher m = HEALED.matcher(log);
        while (m.find()) {
            lines.add(
                    new long[] {
                        Instant.parse(m.group(1)).toEpochMilli(), Long.parseLong(m.group(2))
                    });
        }
        List<Long> heard = new ArrayList<>();
        List<Long> healed = new ArrayList<>();
        for (int i = 0; i < cutAt.size(); i++) {
            long from = cutAt.get(i);
            long to = i + 1 < cutAt.size() ? cutAt.get(i + 1) : Long.MAX_VALUE;
            lines.stream()
                    .filter(l -> l[0] >= from && l[0] < to)
                    .findFirst()
                    .ifPresent(
                            l -> {
                                heard.add(l[0] - l[1] - from);
                                healed.add(l[1]);
                            });
        }
        Collections.sort(heard);
        Collections.sort(healed);
        if (!heard.isEmpty()) {
            record(
                    String.format(
                            "%d cuts with a restoration: Weft heard of the cut %d ms (median), %d ms"
                                    + " (worst) after the cut request; last barrier of the re-route"
                                    + " %d ms (median), %d ms (worst) after that",
                            heard.size(),
                            heard.get(heard.size() / 2),
                            heard.get(heard.size() - 1),
                            healed.get(healed.size() / 2),
                            healed.get(healed.size() - 1)));
        }
    }
}
