package org.weft.openflow.channel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFMessageReader;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFStatsReply;

/**
 * Frames OpenFlow messages by their header length and decodes them: packet-ins into {@link
 * PacketIn}s (see {@link PacketInReader}), everything else with Loxi. A frame that cannot be parsed
 * becomes a {@link MalformedMessage}; a header whose length is impossible breaks framing, so it is
 * a {@link CorruptedFrameException} and the channel is closed. On a controller channel, packet-ins
 * pass the switch's {@link PacketInAdmission} before they are parsed (a refused one is skipped
 * unread) and multipart replies come out as {@link MultipartPart}s with their size.
 */
public final class OfMessageDecoder extends ByteToMessageDecoder {

    static final int HEADER_LENGTH = 8;
    private static final int KEPT_BYTES = 64;

    private final OfMessageReader reader;
    private final PacketInAdmission admission;
    private final ReadGate gate;

    /** Whether the apps' queue for this switch is full; null until the switch is registered. */
    private BooleanSupplier backlogFull;

    /**
     * A controller channel's decoder: packet-ins pass {@code admission}; after a read in which some
     * were dropped, reading pauses through {@code gate}.
     */
    OfMessageDecoder(PacketInAdmission admission, ReadGate gate) {
        this(admission, gate, false);
    }

    /**
     * As {@link #OfMessageDecoder(PacketInAdmission, ReadGate)}; with {@code reusePacketIns}, every
     * packet-in comes out in one reusable {@link PacketIn}, each handed on (Netty passes a decode
     * call's messages on when it returns) before the next is read: for a pipeline whose handlers
     * are done with a packet-in when they return (the switch channel's).
     */
    OfMessageDecoder(PacketInAdmission admission, ReadGate gate, boolean reusePacketIns) {
        this.admission = admission;
        this.gate = gate;
        this.reader = reusePacketIns ? OfMessageReader.reusing() : new OfMessageReader();
    }

    /**
     * Told to the handlers after each read's messages (a user event): the answers its packet-ins
     * got are written then, while the read is still in progress for the flush consolidation ahead
     * of this decoder, which flushes them as the read completes (written at {@code
     * channelReadComplete} instead, they would wait for a flush task: that handler has already seen
     * the read complete).
     */
    static final Object READ_DECODED = new Object();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        super.channelRead(ctx, msg);
        ctx.fireUserEventTriggered(READ_DECODED);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (backlogFull == null && admission != null) {
            backlogFull = ctx.channel().attr(PacketInAdmission.BACKLOG_FULL).get();
        }
        frames(in, out);
        if (gate != null && admission.droppedSinceAsked()) {
            gate.pause(ctx, ReadGate.ADMISSION, ReadGate.ADMISSION_PAUSE_NANOS);
        }
    }

    /**
     * While reading pauses for admission, a read that produced no message must not ask for another
     * (Netty's decoder does, to avoid stalling with auto-read off): the pause would be no pause.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (gate != null && gate.isClosed(ReadGate.ADMISSION)) {
            discardSomeReadBytes();
            ctx.fireChannelReadComplete();
            return;
        }
        super.channelReadComplete(ctx);
    }

    /** OFPT_STATS_REPLY in 1.0, OFPT_MULTIPART_REPLY in 1.3+. */
    private static final int TYPE_STATS_REPLY_10 = 17;

    private static final int TYPE_MULTIPART_REPLY = 19;

    /**
     * Whether a controller channel's frame is worth parsing: a packet-in must find room in the
     * apps' queue for its switch and pass admission, and a part of a multipart reply already given
     * up is skipped.
     */
    private boolean wanted(ByteBuf in, int start, int length) {
        int type = in.getUnsignedByte(start + 1);
        if (type == PacketInAdmission.TYPE_PACKET_IN) {
            if (backlogFull != null && backlogFull.getAsBoolean()) {
                return admission.refuseForBacklog();
            }
            return admission.admit(in, start, length);
        }
        int multipart = in.getUnsignedByte(start) == 1 ? TYPE_STATS_REPLY_10 : TYPE_MULTIPART_REPLY;
        return type != multipart
                || in.getUnsignedInt(start + 4) != admission.counters().abandonedMultipartXid;
    }

    private void frames(ByteBuf in, List<Object> out) {
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
            in.skipBytes(length);
            if (admission != null && !wanted(in, start, length)) {
                continue;
            }
            Object msg = reader.read(in, start, length);
            out.add(
                    admission != null && msg instanceof OFStatsReply reply
                            ? new MultipartPart(reply, length)
                            : msg);
            if (msg == reader.reused) {
                return; // handed on before the next frame refills it
            }
        }
    }

    /**
     * Decodes one complete frame: an OF1.0 or OF1.3 packet-in by {@link PacketInReader} when it can
     * (Loxi otherwise), every other message by Loxi. Shared with the warm-up and tests.
     */
    static final class OfMessageReader {
        private final OFMessageReader<OFMessage> loxi = OFFactories.getGenericReader();

        /** The packet-in {@link PacketInReader} fills again for each frame; null: none. */
        private final PacketIn reused;

        private final FrameArrays arrays;

        /** A reader whose every packet-in is one of its own. */
        OfMessageReader() {
            this(null, null);
        }

        private OfMessageReader(PacketIn reused, FrameArrays arrays) {
            this.reused = reused;
            this.arrays = arrays;
        }

        /**
         * A reader whose packet-ins are one reusable {@link PacketIn} (frames in reused arrays).
         */
        static OfMessageReader reusing() {
            return new OfMessageReader(PacketIn.reusable(), new FrameArrays());
        }

        /**
         * The frame of {@code length} bytes (its header's length) at {@code start} in {@code in},
         * all readable: a {@link PacketIn}, a {@link MalformedMessage} or another Loxi message.
         */
        Object read(ByteBuf in, int start, int length) {
            PacketIn pi = PacketInReader.read(in, start, length, reused, arrays);
            return pi != null ? pi : read(in.slice(start, length));
        }

        /** The frame at the buffer's reader index (moved past what Loxi read). */
        Object read(ByteBuf frame) {
            int start = frame.readerIndex();
            try {
                OFMessage msg = loxi.readFrom(frame);
                if (msg instanceof OFPacketIn pi) {
                    return PacketIn.of(pi);
                }
                if (msg != null) {
                    return msg;
                }
                return malformed(frame, start, "truncated message");
            } catch (OFParseError | RuntimeException e) {
                return malformed(
                        frame, start, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }

        private static MalformedMessage malformed(ByteBuf frame, int start, String reason) {
            int len = frame.getUnsignedShort(start + 2);
            byte[] kept = ByteBufUtil.getBytes(frame, start, Math.min(len, KEPT_BYTES));
            return new MalformedMessage(
                    frame.getUnsignedByte(start),
                    frame.getUnsignedByte(start + 1),
                    frame.getUnsignedInt(start + 4),
                    kept,
                    reason);
        }
    }
}
