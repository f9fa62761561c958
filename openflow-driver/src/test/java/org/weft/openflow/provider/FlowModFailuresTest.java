package org.weft.openflow.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.weft.net.DeviceNotConnectedException;
import org.weft.net.Dpid;
import org.weft.net.SwitchErrorException;
import org.weft.net.flow.BatchFailure;
import org.weft.net.flow.BatchResult;

class FlowModFailuresTest {

    private static final Dpid S1 = Dpid.of(1);
    private static final Dpid S2 = Dpid.of(2);
    private static final long SECOND = 1_000_000_000L;

    /** A nano clock far from zero, where the window's slots have no history. */
    private final AtomicLong now = new AtomicLong(12_345 * SECOND + 678);

    private final FlowModFailures failures = new FlowModFailures(now::get);
    private final List<BatchFailure> told = new ArrayList<>();

    private static SwitchErrorException error(Dpid dpid, String type, String code) {
        return new SwitchErrorException(dpid, 0x100, type, code);
    }

    private static BatchResult rejected(Dpid dpid, int size, int... indexes) {
        Map<Integer, SwitchErrorException> f = new java.util.HashMap<>();
        for (int i : indexes) {
            f.put(i, error(dpid, "FLOW_MOD_FAILED", "TABLE_FULL"));
        }
        return BatchResult.of(size, f);
    }

    private void advanceSeconds(double s) {
        now.addAndGet((long) (s * SECOND));
    }

    @Test
    void rejectedOperationsAreCountedPerSwitchAndReason() {
        failures.observe(S1, 3, rejected(S1, 3, 0, 2), null);
        failures.observe(
                S1, 2, BatchResult.of(2, Map.of(1, error(S1, "FLOW_MOD_FAILED", "OVERLAP"))), null);
        failures.observe(
                S2,
                4,
                BatchResult.of(
                        4,
                        Map.of(
                                0, error(S2, "BAD_ACTION", "BAD_OUT_PORT"),
                                3, error(S2, "FLOW_MOD_FAILED", "TABLE_FULL"))),
                null);

        assertThat(failures.byReason())
                .isEqualTo(
                        Map.of(
                                S1,
                                Map.of(
                                        "FLOW_MOD_FAILED/TABLE_FULL",
                                        2L,
                                        "FLOW_MOD_FAILED/OVERLAP",
                                        1L),
                                S2,
                                Map.of(
                                        "BAD_ACTION/BAD_OUT_PORT",
                                        1L,
                                        "FLOW_MOD_FAILED/TABLE_FULL",
                                        1L)));
        assertThat(failures.lastMinute()).isEqualTo(3);
    }

    @Test
    void confirmedBatchesAndUnknownOutcomesOtherThanTimeoutsAreNotFailures() {
        failures.addListener(told::add);
        failures.observe(S1, 5, BatchResult.confirmed(5), null);
        failures.observe(S1, 5, null, new CompletionException(new DeviceNotConnectedException(S1)));
        failures.observe(S1, 5, null, new IllegalArgumentException("not translatable"));

        assertThat(failures.byReason()).isEmpty();
        assertThat(failures.lastMinute()).isZero();
        assertThat(told).isEmpty();
    }

    @Test
    void aRefusedBarrierCountsEveryOperationOfTheBatch() {
        failures.addListener(told::add);
        failures.observe(
                S1, 4, null, new CompletionException(error(S1, "BAD_REQUEST", "BAD_TYPE")));

        assertThat(failures.byReason()).isEqualTo(Map.of(S1, Map.of("BAD_REQUEST/BAD_TYPE", 4L)));
        assertThat(told).containsExactly(new BatchFailure(S1, "BAD_REQUEST/BAD_TYPE", 4, 4));
        assertThat(failures.lastMinute()).isEqualTo(1);
    }

    @Test
    void aTimeoutCountsEveryOperationOfTheBatch() {
        failures.addListener(told::add);
        failures.observe(S1, 5, null, new TimeoutException());
        // As a dependent stage would see it.
        failures.observe(S1, 2, null, new CompletionException(new TimeoutException()));

        assertThat(failures.byReason()).isEqualTo(Map.of(S1, Map.of("TIMEOUT", 7L)));
        assertThat(told)
                .containsExactly(
                        new BatchFailure(S1, BatchFailure.TIMEOUT, 5, 5),
                        new BatchFailure(S1, BatchFailure.TIMEOUT, 2, 2));
        assertThat(failures.lastMinute()).isEqualTo(2);
    }

    @Test
    void theListenerIsToldOncePerFailedBatchWithItsFirstReason() {
        failures.addListener(told::add);
        failures.observe(
                S1,
                4,
                BatchResult.of(
                        4,
                        Map.of(
                                3, error(S1, "BAD_ACTION", "BAD_OUT_PORT"),
                                1, error(S1, "FLOW_MOD_FAILED", "TABLE_FULL"),
                                2, error(S1, "FLOW_MOD_FAILED", "TABLE_FULL"))),
                null);
        failures.observe(S2, 1, rejected(S2, 1, 0), null);

        assertThat(told)
                .containsExactly(
                        new BatchFailure(S1, "FLOW_MOD_FAILED/TABLE_FULL", 4, 3),
                        new BatchFailure(S2, "FLOW_MOD_FAILED/TABLE_FULL", 1, 1));
    }

    @Test
    void aThrowingListenerDoesNotStopTheOthersNorTheCounting() {
        List<BatchFailure> second = new ArrayList<>();
        failures.addListener(
                f -> {
                    throw new IllegalStateException("listener bug");
                });
        failures.addListener(told::add);
        failures.addListener(second::add);

        failures.observe(S1, 3, rejected(S1, 3, 1), null);
        failures.observe(S1, 3, null, new TimeoutException());

        assertThat(told).hasSize(2);
        assertThat(second).isEqualTo(told);
        assertThat(failures.byReason())
                .isEqualTo(Map.of(S1, Map.of("FLOW_MOD_FAILED/TABLE_FULL", 1L, "TIMEOUT", 3L)));
        assertThat(failures.lastMinute()).isEqualTo(2);
    }

    @Test
    void theLastMinuteForgetsFailedBatchesOlderThanSixtySeconds() {
        failures.observe(S1, 1, rejected(S1, 1, 0), null);
        failures.observe(S2, 1, null, new TimeoutException());
        advanceSeconds(30);
        failures.observe(S1, 1, rejected(S1, 1, 0), null);
        assertThat(failures.lastMinute()).isEqualTo(3);

        advanceSeconds(29.5); // 59.5 s after the first two
        assertThat(failures.lastMinute()).isEqualTo(3);

        advanceSeconds(1); // 60.5 s after the first two, 30.5 s after the third
        assertThat(failures.lastMinute()).isEqualTo(1);

        // A failure in the slot the first two used a minute ago does not bring them back.
        failures.observe(S1, 1, rejected(S1, 1, 0), null);
        assertThat(failures.lastMinute()).isEqualTo(2);

        advanceSeconds(30); // 60.5 s after the third, 30 s after the fourth
        assertThat(failures.lastMinute()).isEqualTo(1);

        advanceSeconds(3600);
        assertThat(failures.lastMinute()).isZero();
        assertThat(failures.byReason().get(S1))
                .as("the totals since start are not windowed")
                .containsEntry("FLOW_MOD_FAILED/TABLE_FULL", 3L);
    }
}
