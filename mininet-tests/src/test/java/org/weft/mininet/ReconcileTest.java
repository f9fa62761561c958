package org.weft.mininet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation against real Open vSwitch: with {@code reconcile.intervalS} 3, Weft converges a
 * switch's tables to its intent even when nothing tells it they changed.
 *
 * <ul>
 *   <li>Every flow and group of a switch in the middle of a path is deleted with {@code ovs-ofctl}
 *       (OVS tells the controller nothing): Weft puts back every entry it had (cookies, matches,
 *       actions, groups; counters and ages ignored) and the pings through it recover within the
 *       interval plus a margin.
 *   <li>A static flow is deleted through REST while its switch is away from the controller (the
 *       switch keeps it: {@code fail_mode=secure}); when the switch comes back, the flow goes.
 * </ul>
 *
 * <p>Links time out after 10 s of missing LLDP here (default 3 s): a switch without flows drops the
 * probes it receives, and routing would otherwise re-route around it, which would hide whether the
 * reconciler did its work.
 */
class ReconcileTest extends MininetTestSupport {

    private static final Duration INTERVAL = Duration.ofSeconds(3);

    /** Beyond the interval: the pass itself, ping's own 10 ms, the poll of this test. */
    private static final Duration MARGIN = Duration.ofSeconds(2);

    private static final Duration REACH = Duration.ofSeconds(45);
    private static final Duration PING_INTERVAL = Duration.ofMillis(10);

    private static final String CONFIG =
            "reconcile:\n  intervalS: 3\ntopology:\n  linkTimeoutIntervals: 10\n";

    /** What changes in a dump by itself: counters, ages, durations. */
    private static final Pattern VOLATILE =
            Pattern.compile("\\b(duration|n_packets|n_bytes|idle_age|hard_age)=[^,\\s]*,?\\s*");

    private static final Pattern DURATION = Pattern.compile("\\bduration=([0-9.]+)s");

    /**
     * On ring(6), h1 to h3 has one shortest path: s1-s2-s3. Deleting s2's flows and groups stops
     * the pings until Weft's next pass of s2 (at most 3 s later) puts them back.
     */
    @Test
    void entriesDeletedBehindWeftsBackAreRestoredWithinTheInterval() throws IOException {
        Topology ring = Topologies.ring(6);
        startWeft(CONFIG);
        buildAndDiscover(ring, OpenFlowVersion.OF13);
        fabric.awaitAllReach(ring.allHostPairs(), REACH, "before the deletion");
        List<String> before = entries("s2");
        assertThat(before).as("s2's flows and groups before the deletion").isNotEmpty();

        int s2ToS3 = fabric.port("s2", "s3");
        long sent = fabric.txPackets("s2", s2ToS3);
        int trace = mininet.pingBackgroundStart("h1", "h3", PING_INTERVAL);
        Wait.until(
                "the h1->h3 pings cross s2 (the only shortest path)",
                Duration.ofSeconds(5),
                () -> fabric.txPackets("s2", s2ToS3) >= sent + 50);

        long deletedAt = System.nanoTime();
        mininet.delFlows("s2");
        mininet.delGroups("s2");
        long deleteTook = millisSince(deletedAt);
        List<String> left = entries("s2");
        AtomicReference<List<String>> now = new AtomicReference<>(left);
        Wait.until(
                "s2 holds again every entry it held before ovs-ofctl deleted them",
                INTERVAL.plus(MARGIN),
                () -> {
                    now.set(entries("s2"));
                    return now.get().equals(before);
                },
                () -> difference(before, now.get()));
        long restoredMs = millisSince(deletedAt);
        long crossed = fabric.txPackets("s2", s2ToS3);
        Wait.until(
                "the h1->h3 pings cross s2 again",
                Duration.ofSeconds(2),
                () -> fabric.txPackets("s2", s2ToS3) >= crossed + 20);
        PingTrace t = mininet.pingBackgroundStop(trace);
        long sinceDeletion = millisSince(deletedAt);
        record(
                String.format(
                        "ring6 OF13, reconcile.intervalS 3: s2's %d entries (flows and groups)"
                                + " deleted in %d ms, %d left right after; all back %d ms after"
                                + " the deletion; h1->h3 largest gap %.0f ms (gaps %s), %d/%d"
                                + " replies",
                        before.size(),
                        deleteTook,
                        left.size(),
                        restoredMs,
                        t.maxGapMs(),
                        t.largestGapsMs(),
                        t.received(),
                        t.sent()));
        // Proof that the entries were really gone: every flow on s2 is younger than the deletion.
        for (String flow : mininet.dumpFlows("s2")) {
            Matcher d = DURATION.matcher(flow);
            if (d.find()) {
                assertThat(Double.parseDouble(d.group(1)) * 1000)
                        .as("age of a flow on s2, ms (deleted %d ms ago): %s", sinceDeletion, flow)
                        .isLessThanOrEqualTo(sinceDeletion);
            }
        }
        assertThat(t.maxGapMs())
                .as("largest gap of the h1->h3 pings across the deletion, ms")
                .isLessThan(INTERVAL.plus(MARGIN).toMillis());
        fabric.awaitAllReach(ring.allHostPairs(), REACH, "after the repair");
        assertThat(fabric.duplicateOrOrphanEntries())
                .as("duplicate or orphan entries after the repair")
                .isEmpty();
    }

    /**
     * A static drop rule on s2 stops h1->h3; s2 loses its controller (the rule stays on it); the
     * rule is deleted through REST meanwhile (204); when s2 reconnects, Weft removes the rule from
     * it within the interval, and h1 reaches h3 again.
     */
    @Test
    void staticFlowDeletedWhileItsSwitchIsAwayIsGoneAfterItReconnects() throws IOException {
        Topology ring = Topologies.ring(6);
        startWeft(CONFIG);
        buildAndDiscover(ring, OpenFlowVersion.OF13);
        fabric.awaitAllReach(List.of(List.of("h1", "h3")), REACH, "before the static flow");
        WeftRest rest = new WeftRest(weft.restPort());
        String token = Files.readString(testDir.resolve("weft-data").resolve("api-token")).trim();
        String s2 = WeftRest.dpid(2);
        WeftRest.Answer posted =
                rest.send(
                        "POST",
                        "flows",
                        "{\"dpid\":\""
                                + s2
                                + "\",\"priority\":3000,"
                                + "\"match\":{\"ethType\":\"0x0800\",\"ipv4Dst\":\"10.0.0.3\"},"
                                + "\"actions\":[]}",
                        token);
        assertThat(posted.status()).as("POST /flows: %s", posted.body()).isEqualTo(201);
        String id = posted.body().path("id").asText();
        String cookie = cookieOf(posted.body());
        assertThat(flowsWithCookie("s2", cookie)).as("the static flow on s2").hasSize(1);
        assertThat(mininet.ping("h1", "h3", 3).received())
                .as("pings through the static drop flow")
                .isZero();

        mininet.detachController("s2");
        Wait.until(
                "Weft no longer lists s2 among its switches",
                Duration.ofSeconds(15),
                () -> !rest.switches().contains(s2));
        WeftRest.Answer deleted = rest.send("DELETE", "flows/" + id, null, token);
        assertThat(deleted.status())
                .as("DELETE /flows/%s while s2 is away: %s", id, deleted.body())
                .isEqualTo(204);
        assertThat(flowsWithCookie("s2", cookie))
                .as("s2, away from the controller, still holds the static flow")
                .hasSize(1);

        long attachedAt = System.nanoTime();
        mininet.attachController("s2");
        fabric.awaitConnected(Duration.ofSeconds(15), "s2 given its controller back");
        long connectedMs = millisSince(attachedAt);
        AtomicReference<List<String>> seen = new AtomicReference<>(List.of());
        Wait.until(
                "static flow " + id + " (cookie " + cookie + ") is gone from s2",
                INTERVAL.plus(MARGIN),
                () -> {
                    seen.set(flowsWithCookie("s2", cookie));
                    return seen.get().isEmpty();
                },
                seen::get);
        record(
                String.format(
                        "static flow %s deleted while s2 was away: s2 connected %d ms after"
                                + " set-controller, the flow gone %d ms after it",
                        id, connectedMs, millisSince(attachedAt)));
        JsonNode kept = rest.read("flows/static");
        List<String> ids = new ArrayList<>();
        kept.forEach(f -> ids.add(f.path("id").asText()));
        assertThat(ids).as("static flows Weft keeps").doesNotContain(id);
        fabric.awaitAllReach(List.of(List.of("h1", "h3")), REACH, "after the static flow went");
    }

    /** The switch's flows and groups, sorted, without counters, ages and durations. */
    private List<String> entries(String sw) {
        List<String> out = new ArrayList<>();
        List<String> lines = new ArrayList<>(mininet.dumpFlows(sw));
        lines.addAll(mininet.dumpGroups(sw));
        for (String line : lines) {
            String l = line.strip();
            if (l.startsWith("cookie=") || l.startsWith("group_id=")) {
                out.add(VOLATILE.matcher(l).replaceAll("").strip());
            }
        }
        out.sort(null);
        return out;
    }

    private List<String> flowsWithCookie(String sw, String cookie) {
        return mininet.dumpFlows(sw).stream()
                .filter(l -> l.contains("cookie=" + cookie + ","))
                .toList();
    }

    /** The cookie as ovs-ofctl prints it: {@code 0x10000000000001}. */
    private static String cookieOf(JsonNode flow) {
        return "0x" + Long.toHexString(Long.decode(flow.path("cookie").asText()));
    }

    private static String difference(List<String> before, List<String> now) {
        List<String> missing = new ArrayList<>(before);
        now.forEach(missing::remove);
        List<String> extra = new ArrayList<>(now);
        before.forEach(extra::remove);
        return "missing " + missing + ", unexpected " + extra;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
