package org.weft.mininet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The controller goes away and comes back with the fabric up: with {@code fail_mode=secure} the
 * switches keep their flows, so traffic keeps flowing while it is down; when it returns it takes
 * over (switches reconnect, a later failure is handled) without duplicate or orphan entries.
 *
 * <p>Before switch reconciliation on connect, the restarted instance never learned the hosts again
 * and kept stale routes after a later cut; this test keeps that from coming back.
 */
class ControllerRestartTest extends MininetTestSupport {
    private static final Duration REACH = Duration.ofSeconds(45);
    private static final Duration SETTLE = Duration.ofSeconds(15);

    /** Longest wait for the "Fabric settled" line: reconcile.settleMaxMs (30 s) and a margin. */
    private static final Duration SETTLED = Duration.ofSeconds(40);

    /** How long after the rest of the fabric the late half reconnects. */
    private static final Duration LATE = Duration.ofSeconds(3);

    @Test
    void trafficKeepsFlowingWhileTheControllerRestarts() throws IOException {
        restart(List.of());
    }

    /**
     * The same restart, but h8's side of the fabric (leaves s4, s5, s6) reconnects {@link #LATE}
     * after the spines and h1's leaf s3, as switches whose reconnection attempts back off do. The
     * early switches' reconcile passes must not take their routes toward h8, whom the new instance
     * has not heard from yet, before the late half is back: the reconciler's settle window
     * (reconcile.settleQuietMs, 10 s since the last switch connected) keeps them. With the earlier
     * 3 s window the late half could arrive after it closed (6.5 s after the first switches in a
     * clean-clone CI run on 2026-12-03), and the early switches then lost those routes: a 2,478 ms
     * gap.
     */
    @Test
    void trafficKeepsFlowingWhenPartOfTheFabricReconnectsLate() throws IOException {
        restart(List.of("s4", "s5", "s6"));
    }

    private static boolean logged(WeftProcess w, String text) {
        try {
            return java.nio.file.Files.readString(w.log()).contains(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void restart(List<String> late) throws IOException {
        Topology ls = Topologies.leafSpine(2, 4, 2);
        startWeft();
        buildAndDiscover(ls, OpenFlowVersion.OF13);
        assertThat(mininet.failModes())
                .allSatisfy((sw, mode) -> assertThat(mode).isEqualTo("secure"));
        fabric.awaitAllReach(ls.allHostPairs(), REACH, "before the restart");
        Map<String, Integer> routesBefore = fabric.hostFlowCounts();

        int trace = mininet.pingBackgroundStart("h1", "h8", Duration.ofMillis(10));
        stopWeft();
        Wait.until(
                "no switch shows the controller connected",
                Duration.ofSeconds(15),
                () -> mininet.controllersConnected().values().stream().noneMatch(c -> c));
        List<List<String>> sample =
                List.of(List.of("h2", "h7"), List.of("h3", "h6"), List.of("h5", "h4"));
        Wait.holdsFor(
                "known pairs keep reaching each other while the controller is down",
                Duration.ofSeconds(5),
                Duration.ofSeconds(1),
                () -> fabric.unreachable(sample).isEmpty(),
                () -> "");
        assertThat(fabric.hostFlowCounts()).as("routes kept while down").isEqualTo(routesBefore);

        late.forEach(mininet::detachController);
        restartWeft();
        if (!late.isEmpty()) {
            Wait.until(
                    "every switch but " + late + " connected to the new instance",
                    Duration.ofSeconds(30),
                    () ->
                            mininet.controllersConnected().entrySet().stream()
                                    .allMatch(e -> late.contains(e.getKey()) || e.getValue()));
            Wait.holdsFor(
                    late + " stay away from the new instance",
                    LATE,
                    Duration.ofMillis(500),
                    () -> late.stream().noneMatch(mininet.controllersConnected()::get),
                    () -> "");
            late.forEach(mininet::attachController);
        }
        fabric.awaitConnected(Duration.ofSeconds(30), "after the restart");
        fabric.awaitSpanningTree(Duration.ofSeconds(30), "after the restart");
        // The new instance keeps the routes the switches held until the fabric has settled (no
        // switch connected for reconcile.settleQuietMs); then it removes those toward hosts it has
        // not heard from. The pings below cross that audit and teach it every host again.
        Wait.until(
                "the restarted instance logs that the fabric settled",
                SETTLED,
                () -> logged(weft, "Fabric settled"));
        fabric.awaitAllReach(ls.allHostPairs(), REACH, "after the restart");
        PingTrace t = mininet.pingBackgroundStop(trace);
        record(
                String.format(
                        "controller restart on leafspine2x4 OF13%s: h1->h8 largest gap %.0f ms"
                                + " (gaps %s), %d/%d replies over %.0f ms",
                        late.isEmpty() ? "" : ", " + late + " reconnecting " + LATE + " late",
                        t.maxGapMs(),
                        t.largestGapsMs(),
                        t.received(),
                        t.sent(),
                        t.durationMs()));
        assertThat(t.maxGapMs())
                .as("largest gap of h1->h8 across the controller restart, ms")
                .isLessThan(FailoverTest.MAX_OUTAGE.toMillis());
        assertThat(fabric.duplicateOrOrphanEntries())
                .as("duplicate or orphan entries after the restart")
                .isEmpty();
        // Hosts the restarted instance has not heard from lose their routes in the switch audit;
        // traffic toward them is flooded and they are probed, so their routes come back.
        AtomicReference<Map<String, Integer>> routes = new AtomicReference<>();
        Wait.until(
                "one route per host per switch after the restart (before: " + routesBefore + ")",
                SETTLE,
                () -> {
                    routes.set(fabric.hostFlowCounts());
                    return routes.get().equals(routesBefore);
                },
                routes::get);

        // The new instance must really be in charge: it has to reroute around a cut.
        fabric.cut("s1", "s3");
        fabric.awaitNoDeadPortEntries(SETTLE, "cut s1-s3 after the restart");
        fabric.awaitAllReach(fabric.connectedPairs(), REACH, "cut s1-s3 after the restart");
        if (WeftRest.enabled()) {
            assertThat(new WeftRest(weft.restPort()).hosts()).hasSize(ls.hosts().size());
        }
    }
}
