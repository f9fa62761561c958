package org.weft.mininet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Failures of a running fabric: a cable cut on the active path (outage measured with a ping every
 * 10 ms), its restoration, a flapping cable, a switch stopped and started, a host re-plugged
 * elsewhere. After each: every pair that still has a physical path reaches, and no switch holds an
 * entry that outputs into a dead port.
 */
class FailoverTest extends MininetTestSupport {
    /** Upper bound for a controller-driven restoration, as measured by the 10 ms ping. */
    static final Duration MAX_OUTAGE = Duration.ofSeconds(2);

    private static final Duration REACH = Duration.ofSeconds(45);
    private static final Duration SETTLE = Duration.ofSeconds(15);
    private static final Duration PING_INTERVAL = Duration.ofMillis(10);

    /**
     * On ring(6), h1 to h2 goes over the s1-s2 cable (1 hop; the other way round is 5): the port
     * counter on s1 toward s2 proves it before the cut. The outage is the largest gap between two
     * replies of a ping every 10 ms from h1 to h2.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(OpenFlowVersion.class)
    void linkCutOnTheActivePathIsRestoredWithinTwoSeconds(OpenFlowVersion version)
            throws IOException {
        Topology ring = Topologies.ring(6);
        startWeft();
        buildAndDiscover(ring, version);
        fabric.awaitAllReach(ring.allHostPairs(), REACH, "before the cut");

        int s1ToS2 = fabric.port("s1", "s2");
        long before = fabric.txPackets("s1", s1ToS2);
        int trace = mininet.pingBackgroundStart("h1", "h2", PING_INTERVAL);
        Wait.until(
                "the h1->h2 pings leave s1 toward s2 (the active path)",
                Duration.ofSeconds(5),
                () -> fabric.txPackets("s1", s1ToS2) >= before + 50);

        fabric.cut("s1", "s2");
        awaitFlowing("h1", "h2", "after cutting s1-s2");
        PingTrace cut = mininet.pingBackgroundStop(trace);
        record(
                String.format(
                        "%s link cut s1-s2 on ring6: outage %.0f ms (largest gaps %s), %d/%d"
                                + " replies",
                        version, cut.maxGapMs(), cut.largestGapsMs(), cut.received(), cut.sent()));
        assertThat(cut.maxGapMs())
                .as("outage h1->h2 after cutting s1-s2 (%s), ms", version)
                .isLessThan(MAX_OUTAGE.toMillis());

        fabric.awaitNoDeadPortEntries(SETTLE, "after the cut");
        fabric.awaitAllReach(fabric.connectedPairs(), REACH, "after the cut");
    }

    /**
     * After a cut, plugging the cable back in moves h1->h2 back onto it (seen on the port counter)
     * without losing traffic for long (make-before-break).
     */
    @Test
    void restoredLinkCarriesTrafficAgainWithoutOutage() throws IOException {
        Topology ring = Topologies.ring(6);
        startWeft();
        buildAndDiscover(ring, OpenFlowVersion.OF13);
        fabric.awaitAllReach(ring.allHostPairs(), REACH, "before the cut");
        fabric.cut("s1", "s2");
        fabric.awaitNoDeadPortEntries(SETTLE, "after the cut");
        fabric.awaitAllReach(fabric.connectedPairs(), REACH, "after the cut");

        int trace = mininet.pingBackgroundStart("h1", "h2", PING_INTERVAL);
        int s1ToS2 = fabric.port("s1", "s2");
        fabric.restore("s1", "s2");
        long restoredAt = fabric.txPackets("s1", s1ToS2);
        long start = System.nanoTime();
        Wait.until(
                "h1->h2 pings go over the restored s1-s2 cable again",
                SETTLE,
                () -> fabric.txPackets("s1", s1ToS2) >= restoredAt + 100);
        long backMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
        awaitFlowing("h1", "h2", "after the restore");
        PingTrace restore = mininet.pingBackgroundStop(trace);
        record(
                String.format(
                        "OF13 link restore s1-s2 on ring6: traffic back on it after <= %d ms;"
                                + " largest gap %.0f ms (gaps %s), %d/%d replies",
                        backMs,
                        restore.maxGapMs(),
                        restore.largestGapsMs(),
                        restore.received(),
                        restore.sent()));
        assertThat(restore.maxGapMs())
                .as("largest gap h1->h2 while s1-s2 comes back, ms")
                .isLessThan(MAX_OUTAGE.toMillis());
        fabric.awaitSpanningTree(SETTLE, "after the restore");
        fabric.awaitNoDeadPortEntries(SETTLE, "after the restore");
        fabric.awaitAllReach(ring.allHostPairs(), REACH, "after the restore");
    }

    /** Two cables flap six times in quick succession; the fabric settles on the final state. */
    @Test
    void flappingLinksSettle() throws IOException {
        Topology fabricTopo = Topologies.leafSpine(2, 4, 2);
        startWeft();
        buildAndDiscover(fabricTopo, OpenFlowVersion.OF13);
        fabric.awaitAllReach(fabricTopo.allHostPairs(), REACH, "before flapping");

        for (int i = 0; i < 6; i++) {
            fabric.cut("s1", "s3");
            fabric.cut("s2", "s5");
            fabric.restore("s1", "s3");
            fabric.restore("s2", "s5");
        }
        fabric.awaitSpanningTree(Duration.ofSeconds(30), "after flapping, both cables up");
        fabric.awaitNoDeadPortEntries(SETTLE, "after flapping, both cables up");
        fabric.awaitAllReach(fabricTopo.allHostPairs(), REACH, "after flapping, both up");
        assertThat(fabric.duplicateOrOrphanEntries()).as("duplicate or orphan entries").isEmpty();

        for (int i = 0; i < 5; i++) {
            fabric.cut("s1", "s3");
            fabric.restore("s1", "s3");
        }
        fabric.cut("s1", "s3");
        fabric.awaitNoDeadPortEntries(SETTLE, "after flapping, s1-s3 left down");
        fabric.awaitAllReach(fabric.connectedPairs(), REACH, "after flapping, s1-s3 down");
        assertThat(fabric.duplicateOrOrphanEntries()).as("duplicate or orphan entries").isEmpty();
    }

    /**
     * A spine stops (its bridge is deleted: the leaves' ports stay up, only the controller can
     * tell), then a leaf; both come back.
     */
    @Test
    void stoppedSwitchesAreRoutedAroundAndRejoin() throws IOException {
        Topology ls = Topologies.leafSpine(2, 4, 2);
        startWeft();
        buildAndDiscover(ls, OpenFlowVersion.OF13);
        fabric.awaitAllReach(ls.allHostPairs(), REACH, "before");

        fabric.stopSwitch("s1");
        fabric.awaitNoDeadPortEntries(SETTLE, "spine s1 stopped");
        fabric.awaitAllReach(fabric.connectedPairs(), REACH, "spine s1 stopped");

        fabric.stopSwitch("s4");
        List<List<String>> connected = fabric.connectedPairs();
        assertThat(connected).hasSize(6 * 5); // h3 and h4 hang off s4
        fabric.awaitNoDeadPortEntries(SETTLE, "spine s1 and leaf s4 stopped");
        fabric.awaitAllReach(connected, REACH, "spine s1 and leaf s4 stopped");

        fabric.startSwitch("s1");
        fabric.startSwitch("s4");
        fabric.awaitConnected(Duration.ofSeconds(30), "s1 and s4 restarted");
        fabric.awaitSpanningTree(Duration.ofSeconds(30), "s1 and s4 restarted");
        fabric.awaitAllReach(ls.allHostPairs(), REACH, "s1 and s4 restarted");
        fabric.awaitNoDeadPortEntries(SETTLE, "s1 and s4 restarted");
        assertThat(fabric.duplicateOrOrphanEntries()).as("duplicate or orphan entries").isEmpty();
    }

    /**
     * h1 is re-plugged from leaf s3 to leaf s6 (same MAC and IP, its old port is gone): it must be
     * reachable at its new place, and no switch may keep sending it to the old port.
     */
    @Test
    void movedHostIsReachableAtItsNewPlace() throws IOException {
        Topology ls = Topologies.leafSpine(2, 4, 2);
        startWeft();
        buildAndDiscover(ls, OpenFlowVersion.OF13);
        fabric.awaitAllReach(ls.allHostPairs(), REACH, "before the move");

        int port = mininet.replug("h1", "s6");
        long start = System.nanoTime();
        List<List<String>> withH1 =
                ls.allHostPairs().stream().filter(p -> p.contains("h1")).toList();
        fabric.awaitAllReach(withH1, Duration.ofSeconds(30), "h1 moved to s6 port " + port);
        record(
                String.format(
                        "host move h1 s3 -> s6: all pairs with h1 reach after %d ms",
                        Duration.ofNanos(System.nanoTime() - start).toMillis()));
        fabric.awaitNoDeadPortEntries(SETTLE, "h1 moved");
        fabric.awaitAllReach(ls.allHostPairs(), REACH, "h1 moved");
        assertThat(fabric.duplicateOrOrphanEntries()).as("duplicate or orphan entries").isEmpty();
    }

    /** Polls until one ping from src reaches dst, then checks that 2 s of pings all get through. */
    private void awaitFlowing(String src, String dst, String context) {
        fabric.awaitAllReach(List.of(List.of(src, dst)), SETTLE, context);
        Wait.holdsFor(
                src + " keeps reaching " + dst + " (" + context + ")",
                Duration.ofSeconds(2),
                Duration.ofMillis(500),
                () -> fabric.unreachable(List.of(List.of(src, dst))).isEmpty(),
                () -> "");
    }
}
