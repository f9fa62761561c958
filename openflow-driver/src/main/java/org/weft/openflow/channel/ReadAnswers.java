package org.weft.openflow.channel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * The answers a switch's packet-ins get while the event loop reads them (re-asserted flow-mods,
 * packet-outs), gathered in one buffer and written as one message when the read ends: one buffer
 * and one write per read, not per answer. Anything else written to the switch on its event loop
 * meanwhile first sends what was gathered, so the switch gets every message in the order it was
 * made. Written outside a read, or from another thread, an answer goes out on its own as before.
 * Used on the switch's event loop only (except {@link #buffer}'s check).
 */
public final class ReadAnswers {

    /** The gathered answers are sent once they reach this size, read over or not. */
    static final int FLUSH_BYTES = 64 * 1024;

    private static final int INITIAL_BYTES = 4096;

    private final Channel channel;

    /** A read that brought a packet-in is under way (answers are gathered). */
    private boolean reading;

    private ByteBuf gathered;

    ReadAnswers(Channel channel) {
        this.channel = channel;
    }

    /** A packet-in is being read: its answers, and later ones of the read, are gathered. */
    void readingPacketIns() {
        reading = true;
    }

    /** The read is over: what it gathered is sent. */
    void readOver() {
        reading = false;
        send();
    }

    /**
     * The buffer to write an answer of about {@code capacity} bytes into: the read's, when called
     * on the event loop during a read (append after what is there), else a fresh one.
     */
    public ByteBuf buffer(int capacity) {
        if (channel.eventLoop().inEventLoop() && reading) {
            if (gathered == null) {
                gathered = channel.alloc().ioBuffer(Math.max(INITIAL_BYTES, capacity));
            }
            return gathered;
        }
        return channel.alloc().ioBuffer(capacity);
    }

    /** The answer written from {@code mark} on in {@code out} is dropped (its writer failed). */
    public void abandon(ByteBuf out, int mark) {
        if (out == gathered) {
            out.writerIndex(mark);
        } else {
            out.release();
        }
    }

    /** The answer is complete in {@code out}: sent now, or with the read's others. */
    public void written(ByteBuf out) {
        if (out != gathered) {
            send();
            channel.writeAndFlush(out, channel.voidPromise());
        } else if (out.readableBytes() >= FLUSH_BYTES) {
            send();
        }
    }

    /**
     * Sends what was gathered, if anything: before any other message written on the event loop, and
     * when the read is over or the channel closes.
     */
    void send() {
        if (!channel.eventLoop().inEventLoop()) {
            return;
        }
        ByteBuf g = gathered;
        if (g == null) {
            return;
        }
        gathered = null;
        if (g.isReadable()) {
            channel.writeAndFlush(g, channel.voidPromise());
        } else {
            g.release();
        }
    }
}
