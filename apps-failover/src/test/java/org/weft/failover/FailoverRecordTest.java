package org.weft.failover;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.MoreExecutors;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.weft.net.Link;
import org.weft.net.failover.FailoverEvent;
import org.weft.net.routing.RouteChange;

/** Route changes become failover events with timings, counters and a bounded history. */
class FailoverRecordTest {

    private static RouteChange loss(long reactionNanos, int flows) {
        return new RouteChange(
                RouteChange.Cause.LOSS,
                Set.of(Link.of(1, 1, 2, 1)),
                Set.of(),
                1_000,
                1_012,
                reactionNanos,
                3,
                flows);
    }

    @Test
    void lossesAndRecoveriesBecomeEventsWithTimingsAndCounters() {
        FailoverRecord app = new FailoverRecord(MoreExecutors.directExecutor());
        List<FailoverEvent> seen = new ArrayList<>();
        app.addListener(seen::add);

        app.event(loss(5_000_000, 7));
        app.event(loss(9_000_000, 4));
        app.event(
                new RouteChange(
                        RouteChange.Cause.RECOVERY,
                        Set.of(),
                        Set.of(),
                        2_000,
                        2_100,
                        1_000_000,
                        3,
                        6));

        assertThat(seen)
                .extracting(FailoverEvent::type)
                .containsExactly(
                        FailoverEvent.Type.REROUTED,
                        FailoverEvent.Type.REROUTED,
                        FailoverEvent.Type.RECOVERED);
        assertThat(seen.get(0).healingMillis()).isEqualTo(12);
        assertThat(app.stats().reroutes()).isEqualTo(2);
        assertThat(app.stats().recoveries()).isEqualTo(1);
        assertThat(app.stats().flowChanges()).isEqualTo(17);
        assertThat(app.stats().lastReactionNanos()).isEqualTo(9_000_000);
        assertThat(app.stats().maxReactionNanos()).isEqualTo(9_000_000);
        assertThat(app.recentEvents()).hasSize(3);
    }

    @Test
    void historyIsBounded() {
        FailoverRecord app = new FailoverRecord(MoreExecutors.directExecutor());
        for (int i = 0; i < FailoverRecord.HISTORY + 20; i++) {
            app.event(loss(i, 1));
        }
        assertThat(app.recentEvents()).hasSize(FailoverRecord.HISTORY);
        assertThat(app.stats().reroutes()).isEqualTo(FailoverRecord.HISTORY + 20);
    }
}
