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
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.weft.net.Dpid;
import org.weft.openflow.OfLimits;

class PendingRequestsTest {

    private static final OFFactory F = OFFactories.getFactory(OFVersion.OF_13);

    private static OfLimits limits(Duration timeout, int parts, long bytes) {
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

    @Test
    void aMultipartReplyWithinTheLimitsCompletesWithEveryPart() throws Exception {
        PendingRequests p =
                new PendingRequests(
                        Dpid.of(1), limits(Duration.ofSeconds(10), 3, 1 << 20), counters);
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
                new PendingRequests(
                        Dpid.of(1), limits(Duration.ofSeconds(10), 3, 1 << 20), counters);
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
                new PendingRequests(
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
                new PendingRequests(
                        Dpid.of(1), limits(Duration.ofMillis(50), 10, 1 << 20), counters);
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
                new PendingRequests(
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

    private static void waitUntil(java.util.function.BooleanSupplier done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
