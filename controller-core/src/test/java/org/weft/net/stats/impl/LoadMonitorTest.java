package org.weft.net.stats.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.PortNumber;
import org.weft.net.link.impl.LinkManager;
import org.weft.net.stats.LoadEvent;
import org.weft.net.topology.LinkInfo;
import org.weft.time.VirtualTime;

class LoadMonitorTest {

    private static final Dpid S1 = Dpid.of(1);
    private static final Link L12 =
            Link.of(
                    ConnectPoint.of(S1, PortNumber.of(1)),
                    ConnectPoint.of(Dpid.of(2), PortNumber.of(1)));

    private final VirtualTime time = new VirtualTime();
    private final LinkManager links = new LinkManager(Runnable::run, time, Duration.ofSeconds(30));
    private final LoadMonitor monitor =
            new LoadMonitor(
                    links, Runnable::run, time, new LoadMonitor.Settings(0.8, 0.6, 4, 15_000));
    private final List<LoadEvent> events = new ArrayList<>();
    private long txBytes;

    LoadMonitorTest() {
        links.linkSeen(L12, LinkInfo.UNKNOWN_LATENCY, 10_000);
        monitor.addListener(events::add);
    }

    /** Five seconds pass in which port 1 of s1 sends at {@code mbps}. */
    private void send(double mbps) {
        time.advance(Duration.ofSeconds(5));
        txBytes += (long) (mbps * 1e6 / 8 * 5);
        monitor.portsSampled(S1, List.of(FakePortStats.port1(txBytes)));
    }

    @Test
    void linkLoadIsTheSourcePortsTxRateOverTheLinkCapacityOnceTwoSamplesExist() {
        monitor.portsSampled(S1, List.of(FakePortStats.port1(0)));
        assertThat(monitor.linkLoad(L12)).isEmpty();
        send(2_500);
        var load = monitor.linkLoad(L12).orElseThrow();
        assertThat(load.bitsPerSecond()).isCloseTo(2.5e9, within(1.0));
        assertThat(load.capacityMbps()).isEqualTo(10_000);
        assertThat(load.utilisation().getAsDouble()).isCloseTo(0.25, within(1e-9));
        assertThat(monitor.linkLoads()).containsOnlyKeys(L12);
    }

    @Test
    void theOperatorsCapacityOverrideIsWhatUtilisationIsRelativeTo() {
        links.setCapacityOverride(L12, 10);
        monitor.portsSampled(S1, List.of(FakePortStats.port1(0)));
        send(6);
        assertThat(monitor.linkLoad(L12).orElseThrow().utilisation().getAsDouble())
                .isCloseTo(0.6, within(1e-6));
        links.linkSeen(L12, LinkInfo.UNKNOWN_LATENCY, 10_000); // port speeds do not undo it
        assertThat(links.getLinkInfo(L12).orElseThrow().capacityMbps()).isEqualTo(10);
        links.clearCapacityOverride(L12);
        links.linkSeen(L12, LinkInfo.UNKNOWN_LATENCY, 10_000);
        assertThat(links.getLinkInfo(L12).orElseThrow().capacityMbps()).isEqualTo(10_000);
    }

    @Test
    void hotAndCooledAreEachPostedOnceWithHysteresis() {
        monitor.portsSampled(S1, List.of(FakePortStats.port1(0)));
        send(5_000);
        send(8_500); // 0.85: hot
        send(9_000);
        send(7_000); // 0.7: below hot, above cool: still hot
        assertThat(monitor.hotLinks()).containsExactly(L12);
        send(8_200);
        send(5_000); // 0.5: cooled
        send(4_000);
        assertThat(events)
                .extracting(LoadEvent::type)
                .containsExactly(LoadEvent.Type.HOT, LoadEvent.Type.COOLED);
        assertThat(events.get(0).subject().utilisation().getAsDouble())
                .isCloseTo(0.85, within(1e-6));
        assertThat(monitor.hotLinks()).isEmpty();
    }

    @Test
    void historyIsBoundedOldestFirst() {
        monitor.portsSampled(S1, List.of(FakePortStats.port1(0)));
        for (int i = 1; i <= 6; i++) {
            send(i * 1_000);
        }
        assertThat(monitor.history(L12))
                .extracting(l -> Math.round(l.bitsPerSecond() / 1e9))
                .containsExactly(3L, 4L, 5L, 6L);
    }

    @Test
    void aRateNoLongerRefreshedGoesStale() {
        monitor.portsSampled(S1, List.of(FakePortStats.port1(0)));
        send(1_000);
        time.advance(Duration.ofSeconds(16));
        assertThat(monitor.linkLoad(L12)).isEmpty();
        assertThat(monitor.portRate(L12.src())).isEmpty();
    }

    @Test
    void aCounterResetHidesTheRateUntilTheNextSample() {
        monitor.portsSampled(S1, List.of(FakePortStats.port1(0)));
        send(1_000);
        time.advance(Duration.ofSeconds(5));
        monitor.portsSampled(S1, List.of(FakePortStats.port1(10)));
        assertThat(monitor.linkLoad(L12)).isEmpty();
        txBytes = 10;
        send(2_000);
        assertThat(monitor.linkLoad(L12).orElseThrow().bitsPerSecond()).isCloseTo(2e9, within(1.0));
    }
}
