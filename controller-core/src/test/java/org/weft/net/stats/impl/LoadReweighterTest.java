package org.weft.net.stats.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.PortNumber;
import org.weft.net.link.LinkEvent;
import org.weft.net.link.impl.LinkManager;
import org.weft.net.topology.LinkInfo;
import org.weft.time.VirtualTime;

/**
 * Re-weighting by load on virtual time: stats at 5, 10, 15 s ..., re-weighting every 10 s at 12.5,
 * 22.5 s ... (so which comes first at a tie is no question).
 */
class LoadReweighterTest {

    private static final Dpid S1 = Dpid.of(1);
    private static final Link L12 =
            Link.of(
                    ConnectPoint.of(S1, PortNumber.of(1)),
                    ConnectPoint.of(Dpid.of(2), PortNumber.of(1)));

    private final VirtualTime time = new VirtualTime();
    private final long start = time.millis();
    private final LinkManager links = new LinkManager(Runnable::run, time, Duration.ofMinutes(10));
    private final LoadMonitor monitor =
            new LoadMonitor(
                    links, Runnable::run, time, new LoadMonitor.Settings(0.8, 0.6, 12, 15_000));
    private final AtomicBoolean enabled = new AtomicBoolean(true);
    private final LoadReweighter reweighter =
            new LoadReweighter(
                    monitor,
                    links,
                    links::setUtilisation,
                    enabled::get,
                    time,
                    new LoadReweighter.Settings(0.1, Duration.ofSeconds(10)));
    private final List<LinkEvent> measured = new java.util.ArrayList<>();
    private long txBytes;
    private long lastSampleMillis;

    LoadReweighterTest() {
        links.linkSeen(L12, LinkInfo.UNKNOWN_LATENCY, 100);
        links.addListener(
                e -> {
                    if (e.reason() == LinkEvent.Reason.LOAD) {
                        measured.add(e);
                    }
                });
        monitor.portsSampled(S1, List.of(FakePortStats.port1(0)));
        time.advance(Duration.ofMillis(2_500));
        reweighter.start();
    }

    /** Lets time pass to the next re-weighting (12.5 s, 22.5 s, ...). */
    private void reweighting() {
        long now = time.millis() - start;
        long next = ((now - 2_500) / 10_000 + 1) * 10_000 + 2_500;
        time.advance(Duration.ofMillis(next - now));
    }

    /** Until the next sample time (5, 10, 15 s ...) at {@code mbps} on the 100 Mbit/s link. */
    private void load(double... mbps) {
        for (double m : mbps) {
            long now = time.millis() - start;
            long next = (now / 5_000 + 1) * 5_000;
            time.advance(Duration.ofMillis(next - now));
            txBytes += (long) (m * 1e6 / 8 * (next - lastSampleMillis) / 1_000);
            lastSampleMillis = next;
            monitor.portsSampled(S1, List.of(FakePortStats.port1(txBytes)));
        }
    }

    private double routed() {
        return links.getLinkInfo(L12).orElseThrow().utilisation();
    }

    @Test
    void aSustainedRiseIsAppliedAtTheNextInterval() {
        load(70, 70); // 5 s, 10 s: two samples, both 0.7 above 0
        assertThat(routed()).isZero();
        reweighting();
        assertThat(routed()).isCloseTo(0.7, within(1e-6));
        assertThat(measured).hasSize(1);
    }

    @Test
    void aSingleBurstChangesNothing() {
        load(5, 90, 5, 5, 5, 5); // the burst shares its window with a quiet sample
        reweighting();
        assertThat(routed()).isZero();
        assertThat(measured).isEmpty();
    }

    @Test
    void changesSmallerThanMinChangeAreIgnored() {
        load(70, 70);
        reweighting();
        load(78, 75, 62, 65);
        reweighting();
        assertThat(routed()).isCloseTo(0.7, within(1e-6));
        assertThat(measured).hasSize(1);
    }

    @Test
    void reweightingHappensAtMostOncePerInterval() {
        load(70, 70);
        reweighting(); // 12.5 s: applied
        load(20, 20); // 15 s, 20 s: a sustained fall, but the last re-weighting was 7.5 s ago
        assertThat(routed()).isCloseTo(0.7, within(1e-6));
        reweighting(); // 22.5 s
        assertThat(routed()).isCloseTo(0.2, within(1e-6));
        assertThat(measured).hasSize(2);
        assertThat(time.pendingTasks()).isEqualTo(1); // only the periodic re-weighting
    }

    @Test
    void aSustainedFallIsAppliedTooAsTheMean() {
        load(80, 80);
        reweighting();
        load(30, 10);
        reweighting();
        assertThat(routed()).isCloseTo(0.2, within(1e-6));
    }

    @Test
    void nothingChangesWhileNobodyRoutesByLoad() {
        enabled.set(false);
        load(90, 90, 90);
        reweighting();
        assertThat(routed()).isZero();
        enabled.set(true);
        load(90, 90);
        reweighting();
        assertThat(routed()).isCloseTo(0.9, within(1e-6));
    }

    @Test
    void whenNobodyRoutesByLoadAnyMoreUtilisationGoesBackToZero() {
        load(80, 80);
        reweighting();
        assertThat(routed()).isCloseTo(0.8, within(1e-6));
        enabled.set(false);
        load(80, 80);
        reweighting();
        assertThat(routed()).isZero();
        assertThat(reweighter.reweigh()).isZero(); // once
    }

    @Test
    void missingSamplesMeanNoChangeNotAGuess() {
        load(70);
        reweighting(); // one sample in the window: not sustained
        reweighting(); // the switch stopped answering: none
        assertThat(routed()).isZero();
        assertThat(reweighter.reweigh()).isZero();
    }
}
