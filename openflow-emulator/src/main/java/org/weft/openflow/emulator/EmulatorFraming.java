package org.weft.openflow.emulator;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.MessageToByteEncoder;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFMessageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.Dpid;

/**
 * The emulated switch's framing: OpenFlow messages split by their header's length and parsed with
 * Loxi, and Loxi messages (one, or a list written as one buffer) encoded; raw {@link ByteBuf}s pass
 * through unchanged. Flow-mod ADDs of the commonest shape skip Loxi ({@link WireFlowAdd}) while the
 * switch neither records nor hooks messages. A frame Loxi cannot parse is logged and skipped, as a
 * switch would answer it with an error and go on; an impossible length breaks framing and closes
 * the channel.
 */
final class EmulatorFraming {

    private static final Logger log = LoggerFactory.getLogger(EmulatorFraming.class);

    private static final int HEADER_LENGTH = 8;

    private EmulatorFraming() {}

    /** Splits and parses incoming messages; one per channel. */
    static final class Decoder extends ByteToMessageDecoder {
        private final OFMessageReader<OFMessage> reader = OFFactories.getGenericReader();
        private final String name;
        private final BooleanSupplier lean;

        /**
         * A decoder for the switch {@code dpid}; while {@code lean} holds, flow-mod ADDs of the
         * commonest shape are read straight off the frame ({@link WireFlowAdd}) instead of by Loxi.
         */
        Decoder(Dpid dpid, BooleanSupplier lean) {
            this.name = dpid.toString();
            this.lean = lean;
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            while (in.readableBytes() >= HEADER_LENGTH) {
                int start = in.readerIndex();
                int length = in.getUnsignedShort(start + 2);
                if (length < HEADER_LENGTH) {
                    in.skipBytes(in.readableBytes());
                    throw new CorruptedFrameException("OpenFlow header length " + length + " < 8");
                }
                if (in.readableBytes() < length) {
                    return;
                }
                WireFlowAdd add = leanFlowAdd(in, start, length);
                if (add != null) {
                    in.skipBytes(length);
                    out.add(add);
                    continue;
                }
                ByteBuf frame = in.readSlice(length);
                try {
                    OFMessage msg = reader.readFrom(frame);
                    if (msg != null) {
                        out.add(msg);
                    } else {
                        log.warn("Emulated switch {} got a truncated message", name);
                    }
                } catch (OFParseError | RuntimeException e) {
                    log.warn(
                            "Emulated switch {} got an undecodable message ({}): {}",
                            name,
                            e.toString(),
                            ByteBufUtil.hexDump(in, start, Math.min(length, 64)));
                }
            }
        }

        private WireFlowAdd leanFlowAdd(ByteBuf in, int start, int length) {
            if (!lean.getAsBoolean()) {
                return null;
            }
            try {
                return WireFlowAdd.read(in, start, length);
            } catch (IllegalArgumentException e) {
                // Not an entry the table takes: the full path parses it and refuses it as before.
                log.debug(
                        "Emulated switch {} leaves a flow-mod to the full parse: {}",
                        name,
                        e.toString());
                return null;
            }
        }
    }

    /** Writes Loxi messages; stateless, shared by every channel. */
    @Sharable
    static final class Encoder extends MessageToByteEncoder<Object> {
        static final Encoder INSTANCE = new Encoder();

        private Encoder() {}

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
}
