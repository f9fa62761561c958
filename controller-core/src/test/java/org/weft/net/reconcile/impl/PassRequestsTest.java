package org.weft.net.reconcile.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.net.reconcile.PassReport;

/** Passes asked for on demand: one task for all that are pending, and a bound on the unanswered. */
class PassRequestsTest {

    private final AtomicInteger tasks = new AtomicInteger();
    private final PassRequests requests = new PassRequests(3, tasks::incrementAndGet);

    @Test
    void requestsPendingTogetherQueueOneTaskAndAreTakenBySwitch() {
        CompletableFuture<PassReport> a = requests.request(Dpid.of(1));
        CompletableFuture<PassReport> b = requests.request(Dpid.of(1));
        CompletableFuture<PassReport> c = requests.request(Dpid.of(2));

        assertThat(tasks).hasValue(1);
        Map<Dpid, List<CompletableFuture<PassReport>>> taken = requests.take();
        assertThat(taken.get(Dpid.of(1))).containsExactly(a, b);
        assertThat(taken.get(Dpid.of(2))).containsExactly(c);
        assertThat(requests.take()).isEmpty();

        List.of(a, b, c).forEach(f -> f.complete(null));
        assertThat(requests.request(Dpid.of(3))).isNotDone();
        assertThat(tasks).as("pending again after the take: a new task").hasValue(2);
    }

    @Test
    void beyondTheBoundARequestIsRefusedAtOnceAndCountedUntilOthersAreAnswered() {
        CompletableFuture<PassReport> first = requests.request(Dpid.of(1));
        requests.request(Dpid.of(2));
        requests.request(Dpid.of(3));

        CompletableFuture<PassReport> refused = requests.request(Dpid.of(4));
        assertThat(refused).isCompletedExceptionally();
        assertThat(refused.handle((r, e) -> e).join())
                .isInstanceOf(RejectedExecutionException.class);
        assertThat(requests.refused()).isEqualTo(1);
        assertThat(requests.take()).doesNotContainKey(Dpid.of(4));

        first.complete(null);
        assertThat(requests.request(Dpid.of(4))).isNotDone();
        assertThat(requests.refused()).isEqualTo(1);
    }
}
