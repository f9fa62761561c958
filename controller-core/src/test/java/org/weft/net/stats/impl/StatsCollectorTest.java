package org.weft.net.stats.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.weft.net.ConnectPoint;
import org.weft.net.DeviceNotConnectedException;
import org.weft.net.Dpid;
import org.weft.net.PortNumber;
import org.weft.net.link.impl.LinkManager;
import org.weft.net.testing.FakeDeviceService;
import org.weft.time.VirtualTime;

class StatsCollectorTest {

    private static final Duration INTERVAL = Duration.ofSeconds(5);

    private final VirtualTime time = new VirtualTime();
    private final FakeDeviceService devices = new FakeDeviceService();
    private final FakePortStats stats = new FakePortStats();
    private final LinkManager links = new LinkManager(Runnable::run, time, Duration.ofSeconds(3));
    private final LoadMonitor monitor =
            new LoadMonitor(
                    links, Runnable::run, time, new LoadMonitor.Settings(0.8, 0.7, 12, 15_000));
    private StatsCollector collector;

    private StatsCollector start(int maxInFlight, Duration timeout) {
        collector =
                new StatsCollector(
                        devices,
                        stats,
                        monitor,
                        time,
                        new StatsCollector.Settings(INTERVAL, maxInFlight, timeout));
        return collector.start();
    }

    @AfterEach
    void close() {
        if (collector != null) {
            collector.close();
        }
    }

    @Test
    void everySwitchIsPolledOncePerIntervalAtItsOwnPhase() {
        for (long d = 1; d <= 20; d++) {
            devices.connect(d, 2);
            stats.autoAnswer(Dpid.of(d), 1_000);
        }
        start(64, Duration.ofSeconds(2));
        time.advance(INTERVAL.plusMillis(250)); // one interval and a tick
        assertThat(stats.requests()).hasSize(20).doesNotHaveDuplicates();
        time.advance(INTERVAL.multipliedBy(3));
        assertThat(stats.requests()).hasSize(80);
        // Spread: not all switches fall in the same tenth of the interval.
        List<Dpid> first = stats.requests().subList(0, 20);
        assertThat(first).isNotEqualTo(first.stream().sorted().toList());
    }

    @Test
    void requestsSpreadOverTheIntervalNotInOneBurst() {
        for (long d = 1; d <= 20; d++) {
            devices.connect(d, 2);
            stats.autoAnswer(Dpid.of(d), 1_000);
        }
        start(64, Duration.ofSeconds(2));
        time.advance(INTERVAL.dividedBy(2));
        int firstHalf = stats.requests().size();
        assertThat(firstHalf).isBetween(3, 17);
    }

    @Test
    void atMostMaxInFlightRequestsAreOutstanding() {
        for (long d = 1; d <= 10; d++) {
            devices.connect(d, 2);
        }
        start(3, Duration.ofSeconds(30));
        time.advance(INTERVAL);
        assertThat(collector.inFlight()).isEqualTo(3);
        assertThat(stats.requests()).hasSize(3);
        stats.answer(stats.requests().get(0), 0);
        assertThat(collector.inFlight()).isEqualTo(2);
        time.advance(Duration.ofMillis(250));
        assertThat(stats.requests()).hasSize(4);
    }

    @Test
    void aSilentSwitchTimesOutAndNeverDelaysTheOthers() {
        devices.connect(1, 2);
        devices.connect(2, 2);
        stats.autoAnswer(Dpid.of(2), 625_000);
        start(8, Duration.ofSeconds(2));
        time.advance(INTERVAL.multipliedBy(4));
        // Switch 1 never answers: one outstanding request at a time, each given up after 2 s.
        assertThat(stats.pending(Dpid.of(1))).isBetween(1, 4);
        assertThat(stats.requests().stream().filter(Dpid.of(2)::equals).count()).isBetween(3L, 4L);
        assertThat(collector.counts().timedOut()).isGreaterThanOrEqualTo(2);
        assertThat(collector.counts().answered()).isGreaterThanOrEqualTo(3);
        assertThat(monitor.portRate(ConnectPoint.of(Dpid.of(2), PortNumber.of(1))))
                .hasValueSatisfying(r -> assertThat(r.txBitsPerSecond()).isEqualTo(1e6));
    }

    @Test
    void aLateAnswerAfterTheTimeoutIsIgnored() {
        devices.connect(1, 2);
        start(8, Duration.ofSeconds(1));
        time.advance(INTERVAL.plusSeconds(2));
        assertThat(collector.counts().timedOut()).isEqualTo(1);
        assertThat(collector.inFlight()).isZero();
        stats.answer(Dpid.of(1), 1_000);
        assertThat(collector.counts().answered()).isZero();
        assertThat(collector.inFlight()).isZero();
    }

    @Test
    void aDisconnectedSwitchIsNoLongerPolledAndItsRatesAreForgotten() {
        devices.connect(1, 2);
        stats.autoAnswer(Dpid.of(1), 1_000);
        start(8, Duration.ofSeconds(1));
        time.advance(INTERVAL.multipliedBy(3));
        assertThat(monitor.portRates(Dpid.of(1))).isNotEmpty();
        devices.disconnect(1);
        int before = stats.requests().size();
        time.advance(INTERVAL.multipliedBy(3));
        assertThat(stats.requests()).hasSize(before);
        assertThat(monitor.portRates(Dpid.of(1))).isEmpty();
        assertThat(new HashSet<>(stats.requests())).containsExactly(Dpid.of(1));
    }

    @Test
    void aSwitchThatLeftWhileAskedFreesItsSlotAndIsCountedFailed() {
        devices.connect(1, 2);
        start(1, Duration.ofSeconds(4));
        time.advance(INTERVAL);
        assertThat(collector.inFlight()).isEqualTo(1);
        stats.fail(
                Dpid.of(1),
                new java.util.concurrent.CompletionException(
                        new DeviceNotConnectedException(Dpid.of(1))));
        assertThat(collector.inFlight()).isZero();
        assertThat(collector.counts().failed()).isEqualTo(1);
        assertThat(collector.counts().timedOut()).isZero();
    }
}
