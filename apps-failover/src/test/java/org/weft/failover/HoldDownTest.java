package org.weft.failover;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.weft.net.routing.RouteChange;

/** The recovery hold-down on virtual time: restarts with each change, bounded, causes merged. */
class HoldDownTest {

    private static final long HOLD = 2_000;
    private final HoldDown holdDown = new HoldDown(HOLD, FailoverConfig.MAX_HOLD_DOWNS);

    @Test
    void aLoneRecoveryWaitsOneHoldDown() {
        assertThat(holdDown.changed(RouteChange.Cause.RECOVERY, 10_000)).isEqualTo(HOLD);
        assertThat(holdDown.isPending()).isTrue();
        assertThat(holdDown.fire()).isEqualTo(RouteChange.Cause.RECOVERY);
        assertThat(holdDown.isPending()).isFalse();
    }

    @Test
    void eachNewRecoveryRestartsTheWait() {
        holdDown.changed(RouteChange.Cause.RECOVERY, 0);
        // 1.5 hold-downs later another flap: the wait starts again from there.
        assertThat(holdDown.changed(RouteChange.Cause.RECOVERY, 1_500)).isEqualTo(HOLD);
    }

    @Test
    void aLinkThatKeepsFlappingIsReoptimisedAfterAtMostMaxHoldDowns() {
        long first = 1_000;
        long bound = first + FailoverConfig.MAX_HOLD_DOWNS * HOLD;
        long due = first + holdDown.changed(RouteChange.Cause.RECOVERY, first);
        int flaps = 0;
        // A flap every half hold-down, until the re-optimisation's time comes.
        for (long t = first + HOLD / 2; t < due; t += HOLD / 2) {
            due = t + holdDown.changed(RouteChange.Cause.RECOVERY, t);
            assertThat(due).isLessThanOrEqualTo(bound);
            flaps++;
        }
        assertThat(flaps).as("flaps that each restarted the wait").isGreaterThan(5);
        assertThat(due).isEqualTo(bound);
        assertThat(holdDown.changed(RouteChange.Cause.RECOVERY, first + 20 * HOLD))
                .as("past the bound: at once")
                .isZero();
    }

    @Test
    void aRecoveryWinsOverAnAttributeChangeAndAFiredRunStartsAfresh() {
        holdDown.changed(RouteChange.Cause.REOPTIMIZE, 0);
        holdDown.changed(RouteChange.Cause.RECOVERY, 100);
        holdDown.changed(RouteChange.Cause.REOPTIMIZE, 200);
        assertThat(holdDown.fire()).isEqualTo(RouteChange.Cause.RECOVERY);

        // A new run: its own bound, counted from its own first change.
        long start = 50 * HOLD;
        assertThat(holdDown.changed(RouteChange.Cause.REOPTIMIZE, start)).isEqualTo(HOLD);
        assertThat(holdDown.fire()).isEqualTo(RouteChange.Cause.REOPTIMIZE);
    }
}
