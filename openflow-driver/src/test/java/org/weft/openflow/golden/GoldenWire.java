package org.weft.openflow.golden;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.weft.openflow.channel.OfMessageEncoder;

/** Messages to bytes through the driver's pipeline encoder, as every switch channel writes them. */
final class GoldenWire {

    private GoldenWire() {}

    static byte[] encode(OFMessage m) {
        EmbeddedChannel ch = new EmbeddedChannel(OfMessageEncoder.INSTANCE);
        try {
            ch.writeOutbound(m);
            ByteBuf buf = ch.readOutbound();
            try {
                return ByteBufUtil.getBytes(buf);
            } finally {
                buf.release();
            }
        } finally {
            ch.finishAndReleaseAll();
        }
    }
}
