package org.weft.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdleSinceTest {

    @Test
    void idlenessStartsWhenFirstSeenAndHoldsWhileTheCountsStay() {
        IdleSince idle = new IdleSince();
        idle.seen(100, 7, 2);
        idle.seen(105, 7, 2);
        idle.seen(110, 7, 2);

        assertThat(idle.since()).isEqualTo(100);
        assertThat(idle.unchanged(7, 2)).isTrue();
    }

    @Test
    void aChangeOrARepairIssuedMeanwhileStartsItAgain() {
        IdleSince idle = new IdleSince();
        idle.seen(100, 7, 2);
        idle.seen(105, 8, 2); // a change issued and confirmed between two polls

        assertThat(idle.since()).isEqualTo(105);
        assertThat(idle.unchanged(8, 2)).isTrue();
        assertThat(idle.unchanged(8, 3)).as("a reconciler repair since").isFalse();

        idle.seen(110, 8, 3);
        assertThat(idle.since()).isEqualTo(110);
    }

    @Test
    void busyRoutingEndsIt() {
        IdleSince idle = new IdleSince();
        idle.seen(100, 7, 2);
        idle.busy();
        idle.seen(120, 7, 2);

        assertThat(idle.since()).isEqualTo(120);
    }
}
