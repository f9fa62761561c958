package org.weft.openflow.channel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * Counts the flow-mods, group-mods and packet-outs a channel writes ({@link SentMessages}), for the
 * switch and for the whole controller. Sits between the encoder and TLS, where every outbound
 * message is plain encoded bytes.
 */
final class SentMessageTally extends ChannelOutboundHandlerAdapter {

    private final SentMessages channel;
    private final SentMessages total;

    SentMessageTally(SentMessages channel, SentMessages total) {
        this.channel = channel;
        this.total = total;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
            throws Exception {
        if (msg instanceof ByteBuf b) {
            SentMessages.count(b, channel, total);
        }
        super.write(ctx, msg, promise);
    }
}
