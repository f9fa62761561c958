package org.weft.openflow.channel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.openflow.OfLimits;

/**
 * Bounds what Weft owes one switch. While the bytes queued for it are above the high water mark
 * (the channel is not writable) Weft stops reading from it, so its TCP window closes and it slows
 * down; reading resumes below the low mark. A switch that stays above the high mark for {@link
 * OfLimits#writeStallTimeout()}, or for which a write would queue more than {@link
 * OfLimits#maxOutboundBytes()}, is disconnected: memory owed to one switch is bounded by
 * configuration, not by its behaviour. Sits at the head of the pipeline, so it sees encoded bytes.
 */
final class BackPressure extends ChannelDuplexHandler {

    private static final Logger log = LoggerFactory.getLogger(BackPressure.class);

    private final OfLimits limits;
    private final ChannelCounters counters;
    private ScheduledFuture<?> stallTimer;
    private boolean overflowed;

    private final ReadGate gate;

    BackPressure(OfLimits limits, ChannelCounters counters, ReadGate gate) {
        this.limits = limits;
        this.counters = counters;
        this.gate = gate;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
            throws Exception {
        if (msg instanceof ByteBuf b
                && ChannelCounters.outboundBytes(ctx.channel()) + b.readableBytes()
                        > limits.maxOutboundBytes()) {
            ReferenceCountUtil.release(msg);
            if (!promise.isVoid()) {
                promise.tryFailure(new ClosedChannelException());
            }
            if (!overflowed) {
                overflowed = true;
                log.warn(
                        "Switch {} does not read: more than {} bytes queued for it; closing its channel",
                        SwitchNames.of(ctx.channel()),
                        limits.maxOutboundBytes());
                ctx.close();
            }
            return;
        }
        super.write(ctx, msg, promise);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        boolean writable = ctx.channel().isWritable();
        if (!writable && !gate.isClosed(ReadGate.BACK_PRESSURE)) {
            gate.close(ctx, ReadGate.BACK_PRESSURE);
            counters.readSuspensions.increment();
            log.debug(
                    "Switch {}: {} bytes queued; reading paused",
                    SwitchNames.of(ctx.channel()),
                    ChannelCounters.outboundBytes(ctx.channel()));
            cancelStallTimer();
            stallTimer =
                    ctx.executor()
                            .schedule(
                                    () -> stalled(ctx),
                                    limits.writeStallTimeout().toMillis(),
                                    TimeUnit.MILLISECONDS);
        } else if (writable && gate.isClosed(ReadGate.BACK_PRESSURE)) {
            cancelStallTimer();
            gate.open(ctx, ReadGate.BACK_PRESSURE);
        }
        super.channelWritabilityChanged(ctx);
    }

    private void stalled(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive() && !ctx.channel().isWritable()) {
            log.warn(
                    "Switch {} read nothing for {} ms with {} bytes queued for it; closing its channel",
                    SwitchNames.of(ctx.channel()),
                    limits.writeStallTimeout().toMillis(),
                    ChannelCounters.outboundBytes(ctx.channel()));
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelStallTimer();
        super.channelInactive(ctx);
    }

    private void cancelStallTimer() {
        if (stallTimer != null) {
            stallTimer.cancel(false);
            stallTimer = null;
        }
    }
}
