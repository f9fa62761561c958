package org.weft.net.reconcile.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;

/** Events are folded per switch into what is still to do for it, in order. */
class SwitchEventsTest {

    private static final Dpid S1 = Dpid.of(1);
    private static final Dpid S2 = Dpid.of(2);

    private final SwitchEvents events = new SwitchEvents();

    @Test
    void aFlappingSwitchHoldsOneEntryAndOnlyTheFirstEventAsksForATake() {
        assertThat(events.disconnected(S1)).isTrue();
        for (int i = 0; i < 10_000; i++) {
            assertThat(events.connected(S1)).isFalse();
            assertThat(events.diverged(S1, "a request timed out")).isFalse();
            assertThat(events.disconnected(S1)).isFalse();
        }
        assertThat(events.connected(S1)).isFalse();

        Map<Dpid, SwitchEvents.Pending> taken = events.take();
        assertThat(taken).containsOnlyKeys(S1);
        SwitchEvents.Pending p = taken.get(S1);
        assertThat(p.disconnected).as("forgotten first").isTrue();
        assertThat(p.connected).as("then taken on again").isTrue();
        assertThat(p.diverged).as("the connect's pass reads it anyway").isNull();
        assertThat(events.folded()).isEqualTo(30_001);
        assertThat(events.take()).isEmpty();
        assertThat(events.connected(S1)).as("empty again: a new take").isTrue();
    }

    @Test
    void aSwitchThatConnectedAndDroppedIsForgottenButItsConnectCounted() {
        events.connected(S1);
        events.diverged(S2, "1 operation(s) not confirmed (FLOW_MOD_FAILED/TABLE_FULL)");
        events.disconnected(S1);

        Map<Dpid, SwitchEvents.Pending> taken = events.take();
        assertThat(taken.keySet()).containsExactly(S1, S2);
        assertThat(taken.get(S1).disconnected).isTrue();
        assertThat(taken.get(S1).connected).isFalse();
        assertThat(taken.get(S1).connectSeen).isTrue();
        assertThat(taken.get(S2).diverged).contains("TABLE_FULL");
        assertThat(taken.get(S2).disconnected || taken.get(S2).connected).isFalse();
    }
}
