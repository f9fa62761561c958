package org.weft.openflow.channel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.util.List;
import org.projectfloodlight.openflow.protocol.OFMessage;

/**
 * Writes Loxi messages to the wire: one {@link OFMessage}, or a {@link List} of them encoded into a
 * single buffer (a batch of flow-mods and its barrier cost one write). Stateless, so one instance
 * serves every channel.
 */
@Sharable
public final class OfMessageEncoder extends MessageToByteEncoder<Object> {

    public static final OfMessageEncoder INSTANCE = new OfMessageEncoder();

    private OfMessageEncoder() {}

    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return msg instanceof OFMessage || msg instanceof List<?>;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, ByteBuf out) {
        if (msg instanceof OFMessage m) {
            m.writeTo(out);
        } else {
            for (Object o : (List<?>) msg) {
                ((OFMessage) o).writeTo(out);
            }
        }
    }
}
