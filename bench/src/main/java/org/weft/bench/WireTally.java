package org.weft.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts an emulated switch's control-channel traffic as it crosses the wire, at the head of its
 * pipeline (bytes exactly as the TCP connection carries them): per direction, messages and bytes
 * per OpenFlow message type, multipart messages per multipart type. It reads the OpenFlow headers
 * in place (version, type, length; the multipart type after them), following messages across buffer
 * boundaries, and changes nothing. Types are OpenFlow 1.3's.
 */
final class WireTally extends ChannelDuplexHandler {

    /** OpenFlow 1.3 message types counted apart. */
    static final int FLOW_MOD = 14;

    static final int GROUP_MOD = 15;
    static final int MULTIPART_REQUEST = 18;
    static final int MULTIPART_REPLY = 19;
    static final int BARRIER_REQUEST = 20;
    static final int BARRIER_REPLY = 21;

    /** Multipart types. */
    static final int MP_FLOW = 1;

    static final int MP_GROUP_DESC = 7;

    private static final int TYPES = 64;
    private static final int MP_TYPES = 32;

    /** One direction's tally and its parser state (touched by the channel's event loop only). */
    static final class Direction {
        /** [type] messages and bytes. */
        final AtomicLongArray messages = new AtomicLongArray(TYPES);

        final AtomicLongArray bytes = new AtomicLongArray(TYPES);

        /** [multipart type] messages and bytes, requests or replies. */
        final AtomicLongArray mpMessages = new AtomicLongArray(MP_TYPES);

        final AtomicLongArray mpBytes = new AtomicLongArray(MP_TYPES);

        private final byte[] header = new byte[10];
        private int headerFill;
        private long bodyLeft;

        void reset() {
            for (int i = 0; i < TYPES; i++) {
                messages.set(i, 0);
                bytes.set(i, 0);
            }
            for (int i = 0; i < MP_TYPES; i++) {
                mpMessages.set(i, 0);
                mpBytes.set(i, 0);
            }
        }

        long totalBytes() {
            long n = 0;
            for (int i = 0; i < TYPES; i++) {
                n += bytes.get(i);
            }
            return n;
        }

        /** Follows the messages in {@code buf}'s readable bytes without consuming them. */
        void scan(ByteBuf buf) {
            int i = buf.readerIndex();
            int end = buf.writerIndex();
            while (i < end) {
                if (bodyLeft > 0) {
                    int skip = (int) Math.min(bodyLeft, end - i);
                    bodyLeft -= skip;
                    i += skip;
                    continue;
                }
                header[headerFill++] = buf.getByte(i++);
                if (headerFill == header.length) {
                    count();
                }
            }
        }

        private void count() {
            int type = header[1] & 0xff;
            int length = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
            headerFill = 0;
            bodyLeft = Math.max(0, length - header.length);
            if (length < 8) { // not OpenFlow: stop following this stream
                bodyLeft = Long.MAX_VALUE;
                return;
            }
            if (type < TYPES) {
                messages.incrementAndGet(type);
                bytes.addAndGet(type, length);
            }
            if (type == MULTIPART_REQUEST || type == MULTIPART_REPLY) {
                int mp = ((header[8] & 0xff) << 8) | (header[9] & 0xff);
                if (mp < MP_TYPES) {
                    mpMessages.incrementAndGet(mp);
                    mpBytes.addAndGet(mp, length);
                }
            }
            // A message shorter than the header read so far (an 8-byte hello or barrier): the
            // two extra bytes already belong to the next message.
            if (length < header.length) {
                byte a = header[length];
                byte b = length + 1 < header.length ? header[length + 1] : 0;
                int extra = header.length - length;
                bodyLeft = 0;
                header[0] = a;
                if (extra > 1) {
                    header[1] = b;
                }
                headerFill = extra;
            }
        }
    }

    /** What the switch received from the controller. */
    final Direction fromController = new Direction();

    /** What the switch sent to the controller. */
    final Direction toController = new Direction();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof ByteBuf buf) {
            fromController.scan(buf);
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
            throws Exception {
        if (msg instanceof ByteBuf buf) {
            toController.scan(buf);
        }
        super.write(ctx, msg, promise);
    }
}
