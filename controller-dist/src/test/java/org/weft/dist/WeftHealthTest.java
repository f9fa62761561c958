package org.weft.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.weft.health.Health;
import org.weft.net.Dpid;

class WeftHealthTest {

    private final AtomicBoolean listening = new AtomicBoolean(true);
    private final AtomicInteger deviceEvents = new AtomicInteger();
    private final AtomicInteger reconcileQueue = new AtomicInteger();
    private final WeftHealth health =
            new WeftHealth(
                    listening::get,
                    () -> 3,
                    () -> Set.of(Dpid.of(9), Dpid.of(2)),
                    () -> 4,
                    List.of(
                            new WeftHealth.Queue("device-events", deviceEvents::get, 100),
                            new WeftHealth.Queue("reconcile", reconcileQueue::get, 10)));

    @Test
    void upWhenListeningAndEveryQueueIsWithinItsBound() {
        deviceEvents.set(100);
        Health h = health.check();
        assertThat(h.up()).isTrue();
        assertThat(h.reasons()).isEmpty();
        assertThat(h.switchesConnected()).isEqualTo(3);
        assertThat(h.divergedSwitches()).containsExactly(Dpid.of(2), Dpid.of(9));
        assertThat(h.failedBatchesLastMinute())
                .as("failed batches are reported, not judged")
                .isEqualTo(4);
        assertThat(h.queues())
                .extracting(q -> q.name() + "=" + q.depth() + "/" + q.bound())
                .containsExactly("device-events=100/100", "reconcile=0/10");
    }

    @Test
    void aQueueOverItsBoundDegradesNamingIt() {
        reconcileQueue.set(11);
        Health h = health.check();
        assertThat(h.up()).isFalse();
        assertThat(h.reasons())
                .singleElement()
                .asString()
                .contains("reconcile")
                .contains("11")
                .contains("10");
    }

    @Test
    void aListenerThatIsNotUpDegrades() {
        listening.set(false);
        deviceEvents.set(101);
        Health h = health.check();
        assertThat(h.up()).isFalse();
        assertThat(h.reasons()).hasSize(2).anySatisfy(r -> assertThat(r).contains("OpenFlow"));
    }
}
