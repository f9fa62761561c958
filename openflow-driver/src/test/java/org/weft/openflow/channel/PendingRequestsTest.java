package org.weft.openflow.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFBadRequestCode;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowModFailedCode;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.OFErrorCauseData;
import org.weft.net.DeviceNotConnectedException;
import org.weft.net.Dpid;
import org.weft.net.SwitchErrorException;
import org.weft.net.flow.BatchResult;
import org.weft.openflow.OfLimits;

class PendingRequestsTest {

    private static final OFFactory F = OFFactories.getFactory(OFVersion.OF_13);

    static OfLimits limits(Duration timeout, int parts, long bytes) {
        OfLimits d = OfLimits.defaults();
        return new OfLimits(
                timeout,
                d.writeBufferLowBytes(),
                d.writeBufferHighBytes(),
                d.writeStallTimeout(),
                d.maxOutboundBytes(),
                parts,
                bytes,
                d.packetIns());
    }

    private static OFStatsReply part(long xid, boolean more) {
        return F.buildFlowStatsReply()
                .setXid(xid)
                .setFlags(more ? Set.of(OFStatsReplyFlags.REPLY_MORE) : Set.of())
                .setEntries(List.of())
                .build();
    }

    private final ChannelCounters counters = new ChannelCounters();

    /** Sweeps batches on a real event loop thread, as a switch's channel does. */
    private static final io.netty.channel.EventLoop SWEEPER =
            new io.netty.channel.DefaultEventLoop(
                    new io.netty.util.concurrent.DefaultThreadFactory("test-sweep", true));

    static PendingRequests pendingRequests(
            Dpid dpid, OfLimits limits, ChannelCounters counters, Runnable onTimeout) {
        return new PendingRequests(
                dpid,
                limits,
                counters,
                onTimeout,
                (sweep, delay) -> SWEEPER.schedule(sweep, delay, TimeUnit.NANOSECONDS),
                System::nanoTime);
    }

    private static PendingRequests pendingRequests(
            Dpid dpid, OfLimits limits, ChannelCounters counters) {
        return pendingRequests(dpid, limits, counters, () -> {});
    }

    @Test
    void aMultipartReplyWithinTheLimitsCompletesWithEveryPart() throws Exception {
        PendingRequests p =
                pendingRequests(Dpid.of(1), limits(Duration.ofSeconds(10), 3, 1 << 20), counters);
        CompletableFuture<List<OFStatsReply>> f = p.expectMultipart(5);
        assertThat(p.multipartPart(part(5, true), 100)).isTrue();
        assertThat(p.multipartPart(part(5, true), 100)).isTrue();
        assertThat(p.multipartPart(part(5, false), 100)).isTrue();
        assertThat(f.get(1, TimeUnit.SECONDS)).hasSize(3);
        assertThat(p.size()).isZero();
    }

    @Test
    void endlessPartsFailTheRequestAtThePartLimitAndAreNotKept() {
        PendingRequests p =
                pendingRequests(Dpid.of(1), limits(Duration.ofSeconds(10), 3, 1 << 20), counters);
        CompletableFuture<List<OFStatsReply>> f = p.expectMultipart(5);
        for (int i = 0; i < 3; i++) {
            p.multipartPart(part(5, true), 100);
        }
        assertThat(f).isNotDone();
        p.multipartPart(part(5, true), 100);
        assertThat(f).isCompletedExceptionally();
        assertThat(p.size()).isZero();
        assertThat(p.multipartPart(part(5, true), 100)).as("later parts answer nothing").isFalse();
    }

    @Test
    void aMultipartReplyFailsAtTheByteLimit() {
        PendingRequests p =
                pendingRequests(
                        Dpid.of(1), limits(Duration.ofSeconds(10), 1000, 100_000), counters);
        CompletableFuture<List<OFStatsReply>> f = p.expectMultipart(5);
        p.multipartPart(part(5, true), 60_000);
        assertThat(f).isNotDone();
        p.multipartPart(part(5, true), 60_000);
        assertThat(f)
                .failsWithin(Duration.ZERO)
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(MultipartOverflowException.class)
                .withMessageContaining("100000 bytes");
    }

    @Test
    void unansweredRequestsTimeOutAreForgottenAndCounted() {
        PendingRequests p =
                pendingRequests(Dpid.of(1), limits(Duration.ofMillis(50), 10, 1 << 20), counters);
        CompletableFuture<?> barrier = p.expectBarrier(10, 12);
        CompletableFuture<?> echo = p.expectReply(13);
        CompletableFuture<?> stats = p.expectMultipart(14);
        for (CompletableFuture<?> f : List.of(barrier, echo, stats)) {
            assertThat(f)
                    .failsWithin(Duration.ofSeconds(5))
                    .withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(TimeoutException.class);
        }
        // Forgetting and counting run right after the futures fail, on the timer's thread.
        waitUntil(() -> p.size() == 0 && counters.requestTimeouts.sum() == 3);
        assertThat(p.barrierReply(12)).as("a late barrier reply answers nothing").isFalse();
    }

    @Test
    void timeoutsMarkTheSwitchOutOfSyncOncePerTimeout() {
        java.util.concurrent.atomic.AtomicInteger reported =
                new java.util.concurrent.atomic.AtomicInteger();
        PendingRequests p =
                pendingRequests(
                        Dpid.of(1),
                        limits(Duration.ofMillis(200), 10, 1 << 20),
                        counters,
                        reported::incrementAndGet);
        List<CompletableFuture<org.weft.net.flow.BatchResult>> batches =
                List.of(p.expectBarrier(1, 2), p.expectBarrier(3, 4), p.expectBarrier(5, 6));
        batches.forEach(b -> assertThat(b).failsWithin(Duration.ofSeconds(5)));
        waitUntil(() -> counters.requestTimeouts.sum() == 3);
        assertThat(reported.get()).isEqualTo(1);
    }

    private static OFErrorMsg flowModFailed(long xid, OFFlowModFailedCode code) {
        return F.errorMsgs()
                .buildFlowModFailedErrorMsg()
                .setXid(xid)
                .setCode(code)
                .setData(OFErrorCauseData.of(new byte[0], OFVersion.OF_13))
                .build();
    }

    private PendingRequests pending() {
        return pendingRequests(Dpid.of(1), limits(Duration.ofSeconds(10), 10, 1 << 20), counters);
    }

    @Test
    void errorsBeforeTheBarrierReplyAreListedByIndexAndTheRestIsConfirmed() throws Exception {
        PendingRequests p = pending();
        // Three flow-mods with xids 10, 11, 12, then the barrier 13.
        CompletableFuture<BatchResult> f = p.expectBarrier(10, 13);

        assertThat(p.error(flowModFailed(10, OFFlowModFailedCode.TABLE_FULL))).isTrue();
        assertThat(p.error(flowModFailed(12, OFFlowModFailedCode.OVERLAP))).isTrue();
        assertThat(f).as("errors are collected until the barrier reply").isNotDone();
        assertThat(p.barrierReply(13)).isTrue();

        BatchResult r = f.get(1, TimeUnit.SECONDS);
        assertThat(r.size()).isEqualTo(3);
        assertThat(r.ok()).isFalse();
        assertThat(r.failures()).containsOnlyKeys(0, 2);
        assertThat(r.confirmedCount()).isEqualTo(1);
        assertThat(r.failed(1)).isFalse();
        assertThat(r.failures().get(0))
                .satisfies(
                        e -> {
                            assertThat(e.dpid()).isEqualTo(Dpid.of(1));
                            assertThat(e.xid()).isEqualTo(10);
                            assertThat(e.errorType()).isEqualTo("FLOW_MOD_FAILED");
                            assertThat(e.errorCode()).isEqualTo("TABLE_FULL");
                        });
        assertThat(r.failures().get(2).xid()).isEqualTo(12);
        assertThat(r.failures().get(2).errorCode()).isEqualTo("OVERLAP");
        assertThat(p.size()).isZero();
    }

    @Test
    void anErrorGoesToTheBatchWhoseRangeHoldsItsXid() throws Exception {
        PendingRequests p = pending();
        CompletableFuture<BatchResult> first = p.expectBarrier(10, 12); // 10, 11, barrier 12
        CompletableFuture<BatchResult> second = p.expectBarrier(13, 15); // 13, 14, barrier 15

        assertThat(p.error(flowModFailed(14, OFFlowModFailedCode.TABLE_FULL))).isTrue();
        assertThat(p.error(flowModFailed(9, OFFlowModFailedCode.TABLE_FULL)))
                .as("before every batch")
                .isFalse();
        assertThat(p.error(flowModFailed(16, OFFlowModFailedCode.TABLE_FULL)))
                .as("after every batch")
                .isFalse();
        p.barrierReply(12);
        p.barrierReply(15);

        assertThat(first.get(1, TimeUnit.SECONDS).ok()).isTrue();
        BatchResult r = second.get(1, TimeUnit.SECONDS);
        assertThat(r.failures()).containsOnlyKeys(1);
        assertThat(r.confirmedCount()).isEqualTo(1);
    }

    @Test
    void anErrorAnsweringTheBarrierFailsTheWholeBatch() {
        PendingRequests p = pending();
        CompletableFuture<BatchResult> f = p.expectBarrier(10, 13);
        p.error(flowModFailed(11, OFFlowModFailedCode.TABLE_FULL));

        OFErrorMsg refused =
                F.errorMsgs()
                        .buildBadRequestErrorMsg()
                        .setXid(13)
                        .setCode(OFBadRequestCode.BAD_TYPE)
                        .setData(OFErrorCauseData.of(new byte[0], OFVersion.OF_13))
                        .build();
        assertThat(p.error(refused)).isTrue();

        // Without a barrier reply nothing of the batch is known to be confirmed: no result.
        assertThat(f)
                .failsWithin(Duration.ZERO)
                .withThrowableOfType(ExecutionException.class)
                .havingCause()
                .isInstanceOfSatisfying(
                        SwitchErrorException.class,
                        e -> {
                            assertThat(e.xid()).isEqualTo(13);
                            assertThat(e.errorType()).isEqualTo("BAD_REQUEST");
                            assertThat(e.errorCode()).isEqualTo("BAD_TYPE");
                        });
        assertThat(p.size()).isZero();
        assertThat(p.barrierReply(13)).as("the batch is forgotten").isFalse();
    }

    @Test
    void failAllFailsEveryBatchAndRequestAsNotConnected() {
        PendingRequests p = pending();
        CompletableFuture<BatchResult> batch = p.expectBarrier(10, 13);
        p.error(flowModFailed(10, OFFlowModFailedCode.TABLE_FULL));
        CompletableFuture<BatchResult> other = p.expectBarrier(14, 15);
        CompletableFuture<OFMessage> echo = p.expectReply(16);
        CompletableFuture<List<OFStatsReply>> stats = p.expectMultipart(17);
        p.multipartPart(part(17, true), 100);

        p.failAll();

        for (CompletableFuture<?> f : List.of(batch, other, echo, stats)) {
            assertThat(f)
                    .failsWithin(Duration.ZERO)
                    .withThrowableOfType(ExecutionException.class)
                    .havingCause()
                    .isInstanceOfSatisfying(
                            DeviceNotConnectedException.class,
                            e -> assertThat(e.dpid()).isEqualTo(Dpid.of(1)));
        }
        assertThat(p.size()).isZero();
        assertThat(p.barrierReply(13)).isFalse();
        assertThat(counters.requestTimeouts.sum()).as("a disconnect is no timeout").isZero();
    }

    private static void waitUntil(java.util.function.BooleanSupplier done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
