package org.weft.net.stats.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.PortNumber;
import org.weft.net.stats.PortRate;
import org.weft.net.stats.PortStatistics;

class PortRateMeterTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long ALL_ONES = -1L; // 2^64 - 1: what Open vSwitch sends for "not kept"

    private final PortRateMeter meter =
            new PortRateMeter(ConnectPoint.of(Dpid.of(1), PortNumber.of(1)));

    private static PortStatistics tx(long bytes, long packets) {
        return new PortStatistics(PortNumber.of(1), 0, packets, 0, bytes, 0, 0, ALL_ONES, 0);
    }

    private Optional<PortRate> at(long seconds, PortStatistics s) {
        return meter.sample(s, seconds * SECOND, 1_000 * seconds);
    }

    @Test
    void firstSampleIsOnlyABaselineTheSecondGivesRates() {
        assertThat(at(0, tx(0, 0))).isEmpty();
        PortRate r = at(5, tx(5_000_000, 5_000)).orElseThrow();
        assertThat(r.txBitsPerSecond()).isEqualTo(8_000_000.0);
        assertThat(r.txPacketsPerSecond()).isEqualTo(1_000.0);
        assertThat(r.rxBitsPerSecond()).isZero();
        assertThat(r.errorsPerSecond()).isZero(); // the all-ones counter stayed put
        assertThat(r.intervalMillis()).isEqualTo(5_000);
        assertThat(r.atMillis()).isEqualTo(5_000);
    }

    @Test
    void aCounterWrappingAcross64BitsCountsTheDistanceAcrossTheTop() {
        long nearTop = -1_000L; // 2^64 - 1000 as unsigned
        at(0, tx(nearTop, 0));
        PortRate r = at(1, tx(4_000, 10)).orElseThrow();
        assertThat(r.txBitsPerSecond()).isEqualTo(5_000 * 8.0);
    }

    @Test
    void countersGoingBackAfterASwitchRestartGiveNoRateAndRestartTheBaseline() {
        at(0, tx(0, 0));
        assertThat(at(5, tx(50_000_000, 50_000))).isPresent();
        // The switch restarted: counters from zero again. No negative or huge rate ...
        assertThat(at(10, tx(1_000, 1))).isEmpty();
        // ... and the next interval is measured from the new baseline.
        PortRate r = at(15, tx(1_000 + 625_000, 1 + 500)).orElseThrow();
        assertThat(r.txBitsPerSecond()).isEqualTo(1_000_000.0);
        assertThat(r.txPacketsPerSecond()).isEqualTo(100.0);
    }

    @Test
    void oneCounterResetResetsThePortNotOnlyThatCounter() {
        at(0, new PortStatistics(PortNumber.of(1), 100, 100, 10_000, 10_000, 0, 0, 5, 0));
        assertThat(
                        at(
                                5,
                                new PortStatistics(
                                        PortNumber.of(1), 200, 200, 20_000, 20_000, 0, 0, 0, 0)))
                .isEmpty();
    }

    @Test
    void aMissingSampleAveragesOverTheWholeGap() {
        at(0, tx(0, 0));
        at(5, tx(5_000_000, 0));
        // The sample at 10 s timed out; the one at 15 s covers 10 s.
        PortRate r = at(15, tx(5_000_000 + 20_000_000, 0)).orElseThrow();
        assertThat(r.txBitsPerSecond()).isCloseTo(16_000_000.0, within(1e-6));
        assertThat(r.intervalMillis()).isEqualTo(10_000);
    }

    @Test
    void aSampleWithoutTimePassingKeepsTheBaseline() {
        at(0, tx(0, 0));
        assertThat(at(0, tx(1_000, 1))).isEmpty();
        assertThat(at(1, tx(2_000, 2)).orElseThrow().txBitsPerSecond()).isEqualTo(16_000.0);
    }

    @Test
    void deltaTellsWrapsFromResetsByWhatIsPlausibleForTheTime() {
        assertThat(PortRateMeter.delta(10, 25, 1)).isEqualTo(15);
        assertThat(PortRateMeter.delta(-6, 4, 1)).isEqualTo(10); // wrapped
        assertThat(PortRateMeter.delta(1_000_000, 3, 1)).isEqualTo(-1); // reset
        assertThat(PortRateMeter.delta(ALL_ONES, ALL_ONES, 1)).isZero(); // not kept
        // 2^63 forward in one step is no counter advance: reset.
        assertThat(PortRateMeter.delta(0, Long.MIN_VALUE, 1)).isEqualTo(-1);
    }
}
