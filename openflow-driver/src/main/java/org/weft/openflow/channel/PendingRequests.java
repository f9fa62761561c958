package org.weft.openflow.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.DeviceNotConnectedException;
import org.weft.net.Dpid;
import org.weft.net.SwitchErrorException;
import org.weft.net.flow.BatchResult;
import org.weft.openflow.OfLimits;
import org.weft.openflow.translate.OfErrors;

/**
 * What a switch still owes us: replies to single requests (echo, stats) by xid, and
 * barrier-confirmed batches. A batch holds a contiguous xid range ending at its barrier, so an
 * error for any message of the batch is found without one map entry per message. Everything waited
 * for fails after {@link OfLimits#requestTimeout()} (counted): a single request by a JDK timeout of
 * its own, batches by a sweep on the switch's event loop (no timer task per batch: one sweep is
 * scheduled, at the earliest deadline, only while batches are pending). A multipart reply that
 * grows past {@link OfLimits#maxMultipartParts()} or {@link OfLimits#maxMultipartBytes()} fails
 * instead of being kept: what a switch owes can never make Weft hold more than the limits.
 */
final class PendingRequests {

    private static final Logger log = LoggerFactory.getLogger(PendingRequests.class);

    /**
     * A batch of {@code size} messages from {@code firstXid}; errors collected until the barrier.
     */
    private static final class Batch {
        final long firstXid;
        final int size;
        final CompletableFuture<BatchResult> future;

        /** When the batch fails unanswered, in {@link #clock} nanoseconds. */
        final long deadline;

        /** Errors by index, created by the first one (most batches have none). */
        Map<Integer, SwitchErrorException> errors;

        Batch(long firstXid, int size, CompletableFuture<BatchResult> future, long deadline) {
            this.firstXid = firstXid;
            this.size = size;
            this.future = future;
            this.deadline = deadline;
        }
    }

    /** Runs the batch sweep later, on the switch's event loop. */
    @FunctionalInterface
    interface SweepScheduler {
        /**
         * @throws java.util.concurrent.RejectedExecutionException when the event loop is shut down
         */
        void schedule(Runnable sweep, long delayNanos);
    }

    private static final class Multipart {
        final List<OFStatsReply> parts = new ArrayList<>();
        final CompletableFuture<List<OFStatsReply>> future;
        long bytes;

        Multipart(CompletableFuture<List<OFStatsReply>> future) {
            this.future = future;
        }
    }

    private final Dpid dpid;
    private final OfLimits limits;
    private final ChannelCounters counters;
    private final Map<Long, CompletableFuture<OFMessage>> replies = new ConcurrentHashMap<>();
    private final ConcurrentNavigableMap<Long, Batch> batchesByBarrierXid =
            new ConcurrentSkipListMap<>();
    private final Map<Long, Multipart> multiparts = new ConcurrentHashMap<>();

    /** Told about timeouts, at most once per request timeout (the switch is out of sync). */
    private final Runnable onTimeout;

    private final java.util.concurrent.atomic.AtomicLong lastTimeoutReported =
            new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE);

    private final SweepScheduler scheduler;
    private final LongSupplier clock;

    /** Whether a sweep is scheduled (set by whoever schedules it, cleared by the sweep). */
    private final AtomicBoolean sweepScheduled = new AtomicBoolean();

    PendingRequests(
            Dpid dpid,
            OfLimits limits,
            ChannelCounters counters,
            Runnable onTimeout,
            SweepScheduler scheduler,
            LongSupplier clock) {
        this.dpid = dpid;
        this.limits = limits;
        this.counters = counters;
        this.onTimeout = onTimeout;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    CompletableFuture<OFMessage> expectReply(long xid) {
        CompletableFuture<OFMessage> f = new CompletableFuture<>();
        replies.put(xid, f);
        timeout(f, "reply", xid).whenComplete((r, e) -> replies.remove(xid, f));
        return f;
    }

    /**
     * A multipart (stats) request: completes with every part once one arrives without REPLY_MORE.
     */
    CompletableFuture<List<OFStatsReply>> expectMultipart(long xid) {
        CompletableFuture<List<OFStatsReply>> f = new CompletableFuture<>();
        Multipart m = new Multipart(f);
        multiparts.put(xid, m);
        timeout(f, "multipart reply", xid).whenComplete((r, e) -> multiparts.remove(xid, m));
        return f;
    }

    /**
     * A batch of messages {@code firstXid..barrierXid-1} followed by its barrier: completes on the
     * barrier reply with the operations the switch rejected before it.
     */
    CompletableFuture<BatchResult> expectBarrier(long firstXid, long barrierXid) {
        CompletableFuture<BatchResult> f = new CompletableFuture<>();
        long timeout = limits.requestTimeout().toNanos();
        Batch b =
                new Batch(firstXid, (int) (barrierXid - firstXid), f, clock.getAsLong() + timeout);
        batchesByBarrierXid.put(barrierXid, b);
        // Put first, then look at the flag: a sweep that found nothing pending clears the flag
        // before it looks at the batches again, so either it sees this batch or this sees the flag
        // cleared. While the flag is set, the scheduled sweep serves this batch too.
        if (!sweepScheduled.get() && sweepScheduled.compareAndSet(false, true)) {
            scheduleSweep(timeout);
        }
        return f;
    }

    private void scheduleSweep(long delayNanos) {
        try {
            scheduler.schedule(this::sweep, delayNanos);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // The event loop is shutting down: the channel closes and failAll() fails the rest.
            sweepScheduled.set(false);
            log.debug("Switch {}: no sweep of pending batches, event loop gone: {}", dpid, e);
        }
    }

    /**
     * Fails every batch whose deadline has passed with a {@link TimeoutException} (counted, as any
     * request timeout), forgets batches completed otherwise, and schedules itself again at the
     * earliest deadline left, if any: one chain of sweeps per switch, ended only when no batch is
     * pending. Runs on the switch's event loop.
     */
    void sweep() {
        while (true) {
            long next = failOverdue(clock.getAsLong());
            if (next != Long.MAX_VALUE) {
                scheduleSweep(next);
                return;
            }
            // Clear the flag, then look at the batches: a batch put meanwhile is seen here, or
            // its sender sees the flag cleared and schedules the next sweep itself.
            sweepScheduled.set(false);
            if (batchesByBarrierXid.isEmpty() || !sweepScheduled.compareAndSet(false, true)) {
                return;
            }
        }
    }

    /** Fails the overdue batches; the nanoseconds until the next deadline, or Long.MAX_VALUE. */
    private long failOverdue(long now) {
        long next = Long.MAX_VALUE;
        for (Map.Entry<Long, Batch> e : batchesByBarrierXid.entrySet()) {
            Batch b = e.getValue();
            long left = b.deadline - now;
            if (b.future.isDone()) {
                batchesByBarrierXid.remove(e.getKey(), b);
            } else if (left <= 0) {
                batchesByBarrierXid.remove(e.getKey(), b);
                if (b.future.completeExceptionally(
                        new TimeoutException(
                                "no barrier reply from "
                                        + dpid
                                        + " to xid "
                                        + e.getKey()
                                        + " within "
                                        + limits.requestTimeout().toMillis()
                                        + " ms"))) {
                    timedOut("barrier reply", e.getKey());
                }
            } else {
                next = Math.min(next, left);
            }
        }
        return next;
    }

    private <T> CompletableFuture<T> timeout(CompletableFuture<T> f, String what, long xid) {
        long ms = limits.requestTimeout().toMillis();
        return f.orTimeout(ms, TimeUnit.MILLISECONDS)
                .whenComplete(
                        (r, e) -> {
                            if (e instanceof TimeoutException) {
                                timedOut(what, xid);
                            }
                        });
    }

    private void timedOut(String what, long xid) {
        counters.requestTimeouts.increment();
        reportTimeout();
        log.debug(
                "Switch {}: no {} to xid {} within {} ms",
                dpid,
                what,
                xid,
                limits.requestTimeout().toMillis());
    }

    /**
     * The switch rejected something nobody waits for (an unconfirmed re-assertion): its tables may
     * differ from intent. Reported like a timeout, at most once per request timeout.
     */
    void reportUnconfirmedRejection() {
        reportTimeout();
    }

    private void reportTimeout() {
        long now = clock.getAsLong();
        long last = lastTimeoutReported.get();
        if ((last == Long.MIN_VALUE || now - last >= limits.requestTimeout().toNanos())
                && lastTimeoutReported.compareAndSet(last, now)) {
            try {
                onTimeout.run();
            } catch (RuntimeException e) {
                log.error("Reporting a request timeout of {} failed", dpid, e);
            }
        }
    }

    /** A reply that completes a single request; false if nobody waited for it. */
    boolean reply(OFMessage msg) {
        if (msg instanceof OFStatsReply part && multiparts.containsKey(msg.getXid())) {
            return multipartPart(part, 0);
        }
        CompletableFuture<OFMessage> f = replies.remove(msg.getXid());
        if (f == null) {
            return false;
        }
        f.complete(msg);
        return true;
    }

    /**
     * One part of a multipart reply; the request fails once the reply grows past the limits. False
     * if nobody waited for it.
     */
    boolean multipartPart(OFStatsReply part, int bytes) {
        Multipart m = multiparts.get(part.getXid());
        if (m == null) {
            return reply(part);
        }
        m.parts.add(part);
        m.bytes += bytes;
        if (m.parts.size() > limits.maxMultipartParts() || m.bytes > limits.maxMultipartBytes()) {
            multiparts.remove(part.getXid(), m);
            m.parts.clear();
            counters.abandonedMultipartXid = part.getXid();
            m.future.completeExceptionally(
                    new MultipartOverflowException(
                            dpid, limits.maxMultipartParts(), limits.maxMultipartBytes()));
            return true;
        }
        if (!part.getFlags().contains(OFStatsReplyFlags.REPLY_MORE)) {
            m.future.complete(List.copyOf(m.parts));
        }
        return true;
    }

    /** A barrier reply completes its batch with the errors that came before it. */
    boolean barrierReply(long xid) {
        Batch b = batchesByBarrierXid.remove(xid);
        if (b == null) {
            return false;
        }
        BatchResult result;
        synchronized (b) {
            result =
                    b.errors == null
                            ? BatchResult.confirmed(b.size)
                            : BatchResult.of(b.size, b.errors);
        }
        b.future.complete(result);
        return true;
    }

    /** Fails the request or batch the error answers; false if the xid is not one of ours. */
    boolean error(OFErrorMsg error) {
        long xid = error.getXid();
        CompletableFuture<OFMessage> single = replies.remove(xid);
        if (single != null) {
            single.completeExceptionally(OfErrors.toException(dpid, error));
            return true;
        }
        Multipart multipart = multiparts.remove(xid);
        if (multipart != null) {
            multipart.future.completeExceptionally(OfErrors.toException(dpid, error));
            return true;
        }
        Map.Entry<Long, Batch> e = batchesByBarrierXid.ceilingEntry(xid);
        if (e != null && xid >= e.getValue().firstXid) {
            Batch b = e.getValue();
            SwitchErrorException err = OfErrors.toException(dpid, error);
            if (xid == e.getKey()) {
                // The barrier itself was refused: nothing of the batch is confirmed.
                batchesByBarrierXid.remove(xid, b);
                b.future.completeExceptionally(err);
            } else {
                synchronized (b) {
                    if (b.errors == null) {
                        b.errors = new java.util.TreeMap<>();
                    }
                    b.errors.putIfAbsent((int) (xid - b.firstXid), err);
                }
            }
            return true;
        }
        return false;
    }

    /** The channel is gone: everything still waiting fails. */
    void failAll() {
        DeviceNotConnectedException gone = new DeviceNotConnectedException(dpid);
        List.copyOf(replies.values()).forEach(f -> f.completeExceptionally(gone));
        replies.clear();
        List.copyOf(batchesByBarrierXid.values())
                .forEach(b -> b.future.completeExceptionally(gone));
        batchesByBarrierXid.clear();
        List.copyOf(multiparts.values()).forEach(m -> m.future.completeExceptionally(gone));
        multiparts.clear();
    }

    int size() {
        return replies.size() + batchesByBarrierXid.size() + multiparts.size();
    }
}
