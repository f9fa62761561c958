package org.weft.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class VirtualTimeTest {

    private final VirtualTime time = new VirtualTime();
    private final List<String> ran = new ArrayList<>();

    private Runnable record(String name) {
        return () -> ran.add(name + "@" + (time.nanos() - start) / 1_000_000);
    }

    private final long start = time.nanos();

    @Test
    void timeStandsStillUntilAdvanced() {
        long n = time.nanos();
        long m = time.millis();
        assertThat(time.nanos()).isEqualTo(n);
        time.advance(Duration.ofMillis(1500));
        assertThat(time.nanos() - n).isEqualTo(1_500_000_000L);
        assertThat(time.millis() - m).isEqualTo(1500);
        assertThat(time.instant()).isEqualTo(VirtualTime.DEFAULT_START.plusMillis(1500));
        assertThat(time.ticker().read()).isEqualTo(time.nanos());
    }

    @Test
    void dueTasksRunInTimeOrderThenSchedulingOrderAtTheirDueTime() {
        time.schedule(Duration.ofMillis(30), record("c"));
        time.schedule(Duration.ofMillis(10), record("a"));
        time.schedule(Duration.ofMillis(10), record("b"));
        time.schedule(Duration.ofMillis(31), record("late"));

        assertThat(time.advance(Duration.ofMillis(29))).isEqualTo(2);
        assertThat(ran).containsExactly("a@10", "b@10");
        assertThat(time.advance(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(ran).containsExactly("a@10", "b@10", "c@30");
        assertThat(time.pendingTasks()).isEqualTo(1);
        assertThat(time.untilNextTask()).contains(Duration.ofMillis(1));
    }

    @Test
    void aTaskScheduledByATaskRunsInTheSameAdvanceWhenDue() {
        time.schedule(
                Duration.ofMillis(5),
                () -> {
                    record("first").run();
                    time.schedule(Duration.ZERO, record("now"));
                    time.schedule(Duration.ofMillis(5), record("later"));
                    time.schedule(Duration.ofMillis(50), record("beyond"));
                });
        time.advance(Duration.ofMillis(10));
        assertThat(ran).containsExactly("first@5", "now@5", "later@10");
    }

    @Test
    void aZeroDelayTaskWaitsForTheNextAdvance() {
        time.schedule(Duration.ZERO, record("zero"));
        assertThat(ran).isEmpty();
        assertThat(time.runDue()).isEqualTo(1);
        assertThat(ran).containsExactly("zero@0");
    }

    @Test
    void periodicTasksRunAfterEachPeriodUntilCancelled() {
        Future<?> f =
                time.scheduleWithFixedDelay(
                        Duration.ofMillis(5), Duration.ofMillis(10), record("tick"));
        time.advance(Duration.ofMillis(30));
        assertThat(ran).containsExactly("tick@5", "tick@15", "tick@25");
        f.cancel(false);
        time.advance(Duration.ofSeconds(1));
        assertThat(ran).hasSize(3);
        assertThat(time.pendingTasks()).isZero();
    }

    @Test
    void aCancelledTaskNeverRuns() {
        Future<?> f = time.schedule(Duration.ofMillis(1), record("x"));
        assertThat(f.cancel(false)).isTrue();
        time.advance(Duration.ofMillis(2));
        assertThat(ran).isEmpty();
        assertThat(f.isCancelled()).isTrue();
    }

    @Test
    void aFailingTaskFailsTheAdvanceAtItsDueTime() {
        time.schedule(
                Duration.ofMillis(7),
                () -> {
                    throw new IllegalArgumentException("boom");
                });
        time.schedule(Duration.ofMillis(8), record("after"));
        assertThatThrownBy(() -> time.advance(Duration.ofMillis(10)))
                .isInstanceOf(IllegalStateException.class)
                .hasRootCauseMessage("boom");
        assertThat(time.nanos() - start).isEqualTo(7_000_000L);
        time.advance(Duration.ofMillis(3));
        assertThat(ran).containsExactly("after@8");
    }

    @Test
    void aTaskMayNotAdvanceTime() {
        time.schedule(Duration.ZERO, () -> time.advance(Duration.ofMillis(1)));
        assertThatThrownBy(time::runDue).hasRootCauseInstanceOf(IllegalStateException.class);
    }
}
