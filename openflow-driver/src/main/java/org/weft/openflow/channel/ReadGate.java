package org.weft.openflow.channel;

import io.netty.channel.ChannelHandlerContext;
import java.util.concurrent.TimeUnit;

/**
 * Why Weft is not reading from a switch now. Auto-read is on only while no reason holds: back-
 * pressure (the bytes queued for the switch are over the high mark) and admission (the switch just
 * sent more packet-ins than its bucket allows, so reading pauses for {@link #ADMISSION_PAUSE_NANOS}
 * and its TCP window, not Weft's CPU, absorbs the rest of its flood). One per channel, on its event
 * loop.
 */
final class ReadGate {

    static final int BACK_PRESSURE = 1;
    static final int ADMISSION = 2;

    /**
     * How long reading pauses after a read in which packet-ins were dropped. A read takes at most
     * 16 KiB (about 200 small packet-ins), so a flooding switch costs Weft at most that much
     * parsing per pause, while the pause stays short enough that its bucket's full rate can still
     * be admitted (10,000/s is 50 per pause).
     */
    static final long ADMISSION_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private int reasons;

    void close(ChannelHandlerContext ctx, int reason) {
        reasons |= reason;
        ctx.channel().config().setAutoRead(false);
    }

    void open(ChannelHandlerContext ctx, int reason) {
        reasons &= ~reason;
        if (reasons == 0 && ctx.channel().isActive()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    boolean isClosed(int reason) {
        return (reasons & reason) != 0;
    }

    /** Closes for {@code reason} now and reopens after {@code nanos}, unless already closed. */
    void pause(ChannelHandlerContext ctx, int reason, long nanos) {
        if (isClosed(reason)) {
            return;
        }
        close(ctx, reason);
        ctx.executor().schedule(() -> open(ctx, reason), nanos, TimeUnit.NANOSECONDS);
    }
}
