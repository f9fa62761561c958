package org.weft.openflow.channel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.DeviceNotConnectedException;
import org.weft.net.cluster.NotMasterException;
import org.weft.net.flow.BatchResult;
import org.weft.openflow.OfLimits;

/**
 * One switch's batches on the wire (see {@link OfSwitch#sendBatch} and {@link OfSwitch#sendBurst}):
 * each batch's messages with consecutive xids and a barrier after them, all batches of a call
 * encoded on the calling thread into one pooled buffer, bounded by {@link
 * OfLimits#maxOutboundBytes()}, written and flushed once.
 */
final class BatchWrites {

    private static final Logger log = LoggerFactory.getLogger(BatchWrites.class);

    /** Bytes reserved per message before encoding a batch (an OF1.0 flow-mod with one action). */
    private static final int BYTES_PER_MESSAGE = 80;

    /** An OpenFlow header: a barrier request's whole length. */
    private static final int BARRIER_BYTES = 8;

    private final OfSwitch sw;
    private final Channel channel;
    private final PendingRequests pending;
    private final OfLimits limits;

    BatchWrites(OfSwitch sw, Channel channel, PendingRequests pending, OfLimits limits) {
        this.sw = sw;
        this.channel = channel;
        this.pending = pending;
        this.limits = limits;
    }

    /**
     * Sends the batches; one future per batch, in order. A batch whose writer throws {@link
     * IllegalArgumentException} or {@link UnsupportedOperationException} is left out: its future
     * fails with that exception, or, with {@code rethrow}, the exception propagates and nothing is
     * sent.
     */
    List<CompletableFuture<BatchResult>> send(List<OfSwitch.BurstBatch> batches, boolean rethrow) {
        int n = batches.size();
        List<CompletableFuture<BatchResult>> results = new ArrayList<>(n);
        if (!channel.isActive() || !sw.isMaster()) {
            Exception e =
                    !channel.isActive()
                            ? new DeviceNotConnectedException(sw.dpid())
                            : new NotMasterException(sw.dpid());
            for (int i = 0; i < n; i++) {
                results.add(CompletableFuture.failedFuture(e));
            }
            return results;
        }
        int messages = 0;
        for (OfSwitch.BurstBatch b : batches) {
            messages += b.count();
        }
        ByteBuf out = channel.alloc().ioBuffer(messages * BYTES_PER_MESSAGE + n * BARRIER_BYTES);
        // First xid of each batch, or -1 when it could not be written (its future already failed).
        long[] firsts = new long[n];
        try {
            for (int i = 0; i < n; i++) {
                firsts[i] = write(batches.get(i), out, rethrow, results);
            }
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
        // Checked here too, not only in BackPressure: writes queued from other threads and not
        // yet run by the event loop count, so a fast caller cannot queue past the bound either.
        long queued = ChannelCounters.outboundBytes(channel);
        if (queued + out.readableBytes() > limits.maxOutboundBytes()) {
            out.release();
            log.warn(
                    "Switch {} does not read: {} bytes queued for it and {} more in {} batch(es);"
                            + " closing its channel",
                    sw.dpid(),
                    queued,
                    out.readableBytes(),
                    n);
            channel.close();
            for (int i = 0; i < n; i++) {
                if (firsts[i] >= 0) {
                    results.set(
                            i,
                            CompletableFuture.failedFuture(
                                    new DeviceNotConnectedException(sw.dpid())));
                }
            }
            return results;
        }
        for (int i = 0; i < n; i++) {
            if (firsts[i] >= 0) {
                results.set(
                        i, pending.expectBarrier(firsts[i], firsts[i] + batches.get(i).count()));
            }
        }
        if (out.isReadable()) {
            sw.answers().send(); // the answers gathered before it go first
            channel.writeAndFlush(out, channel.voidPromise());
        } else {
            out.release();
        }
        if (!channel.isActive()) {
            pending.failAll();
        }
        return results;
    }

    /**
     * Writes one batch and its barrier; its first xid, or -1 (its future failed, its bytes taken
     * back) when its writer refused a message and {@code rethrow} is false.
     */
    private long write(
            OfSwitch.BurstBatch b,
            ByteBuf out,
            boolean rethrow,
            List<CompletableFuture<BatchResult>> results) {
        int mark = out.writerIndex();
        long first = sw.reserveXids(b.count() + 1);
        try {
            for (int m = 0; m < b.count(); m++) {
                b.writer().write(m, first + m, out);
            }
            sw.factory().buildBarrierRequest().setXid(first + b.count()).build().writeTo(out);
            results.add(null);
            return first;
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            if (rethrow) {
                throw e;
            }
            out.writerIndex(mark);
            results.add(CompletableFuture.failedFuture(e));
            return -1;
        }
    }
}
