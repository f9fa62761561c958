package org.weft.openflow.channel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long MS = 1_000_000;

    private static int take(TokenBucket b, long now, int tries) {
        int taken = 0;
        for (int i = 0; i < tries; i++) {
            if (b.tryTake(now)) {
                taken++;
            }
        }
        return taken;
    }

    @Test
    void startsFullAndGivesNoMoreThanItsCapacityAtOnce() {
        TokenBucket b = new TokenBucket(1_000, 50, 0);
        assertThat(take(b, 0, 80)).isEqualTo(50);
        assertThat(b.tryTake(0)).isFalse();
    }

    @Test
    void refillsAtItsRate() {
        TokenBucket b = new TokenBucket(1_000, 50, 0);
        take(b, 0, 50);
        assertThat(take(b, 10 * MS, 100)).isEqualTo(10); // 1,000/s for 10 ms
        assertThat(take(b, 10 * MS + MS / 2, 100)).isZero(); // half a token is not one
        assertThat(take(b, 11 * MS, 100)).isEqualTo(1);
    }

    @Test
    void aLongQuietTimeSavesUpOnlyTheCapacity() {
        TokenBucket b = new TokenBucket(1_000, 50, 0);
        take(b, 0, 50);
        assertThat(b.available(60_000 * MS)).isEqualTo(50);
        assertThat(take(b, 60_000 * MS, 100)).isEqualTo(50);
    }

    @Test
    void sustainedRateOverOneSecondIsTheRatePlusTheBurst() {
        TokenBucket b = new TokenBucket(10_000, 2_000, 0);
        int taken = 0;
        for (long t = 0;
                t <= 1_000 * MS;
                t += MS / 10) { // someone asks every 100 us, 100 at a time
            taken += take(b, t, 100);
        }
        assertThat(taken).isBetween(11_990, 12_000);
    }

    @Test
    void aClockGoingBackwardsAddsNothing() {
        TokenBucket b = new TokenBucket(1_000, 5, 100 * MS);
        take(b, 100 * MS, 5);
        assertThat(take(b, 50 * MS, 10)).isZero();
        assertThat(take(b, 101 * MS, 10)).isEqualTo(1);
    }

    @Test
    void aZeroRateBucketOnlyEverGivesItsCapacity() {
        TokenBucket b = new TokenBucket(0, 3, 0);
        assertThat(take(b, 0, 10)).isEqualTo(3);
        assertThat(take(b, 3_600_000 * MS, 10)).isZero();
    }
}
