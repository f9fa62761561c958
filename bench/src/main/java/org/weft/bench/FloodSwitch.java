package org.weft.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.openflow.emulator.EmulatedSwitch;
import org.weft.openflow.emulator.MessageHook;

/**
 * One emulated OpenFlow 1.0 switch that floods its controller with packet-ins, cbench style: the
 * emulator answers the handshake (HELLO, FEATURES, GET_CONFIG, stats, barriers, echoes), and from
 * the moment its FEATURES_REPLY is written the switch writes packet-ins for as long as its channel
 * is writable, so the socket's send buffer is full and {@code queue} bytes wait above it. It stops
 * writing when the channel turns unwritable and resumes when Netty says it is writable again (below
 * half the queue); after {@link #PUMP_LIMIT_BYTES} in one go it yields its I/O thread to the other
 * switches. All writing and counting happens on the switch's I/O thread.
 *
 * <p>Times are kept in nanoseconds from the run's origin, -1 while not reached: TCP connection
 * established; FEATURES_REPLY written; reply to the first BARRIER_REQUEST after it written; the
 * first FLOW_MOD or PACKET_OUT received (the controller acts on the switch, so it finished its
 * handshake: this is what the run calls the handshake's end); the connection closed, unless the run
 * closed it.
 */
final class FloodSwitch implements MessageHook {

    private static final Logger log = LoggerFactory.getLogger(FloodSwitch.class);
    private static final int BATCH_BYTES = 8192;
    static final int PUMP_LIMIT_BYTES = 256 * 1024;

    private final EmulatedSwitch sw;
    private final PacketIns packetIns;
    private final WriteBufferWaterMark queue;
    private final int sendBufferBytes;
    private long origin;
    private final LongAdder sent = new LongAdder();
    private final LongAdder flowMods = new LongAdder();
    private final LongAdder packetOuts = new LongAdder();
    private final LongAdder probes = new LongAdder();
    private final LongAdder answers = new LongAdder();
    private volatile long connectedAt = -1;
    private volatile long featuresAt = -1;
    private volatile long barrierAt = -1;
    private volatile long firstActionAt = -1;
    private volatile long closedAt = -1;
    private volatile boolean flooding = true;
    private volatile boolean closing;
    // I/O thread only:
    private int cursor;
    private boolean pumping;
    private boolean resumePending;

    /**
     * @param queueBytes bytes kept queued above the socket's send buffer (the high water mark)
     * @param sendBufferBytes the socket's send buffer, fixed when flooding starts (0: Linux's)
     */
    FloodSwitch(EmulatedSwitch sw, PacketIns packetIns, int queueBytes, int sendBufferBytes) {
        this.sw = sw;
        this.packetIns = packetIns;
        this.sendBufferBytes = sendBufferBytes;
        this.queue = new WriteBufferWaterMark(queueBytes / 2, queueBytes);
        sw.wire().onMessage(this);
    }

    EmulatedSwitch emulated() {
        return sw;
    }

    /**
     * Opens the connection; completes once TCP is established (the handshake runs by itself).
     *
     * @param origin {@link System#nanoTime()} at the start of the run, which times are kept from
     */
    CompletableFuture<Void> connect(String host, int port, long origin) {
        this.origin = origin;
        return sw.connect(host, port)
                .thenAccept(
                        s -> {
                            connectedAt = now();
                            s.wire().channel().closeFuture().addListener(f -> closed());
                        });
    }

    /** Stops writing packet-ins (the connection stays open). */
    void stop() {
        flooding = false;
    }

    /** Closes the connection; from now on its closing is not a disconnect. */
    void close() {
        flooding = false;
        closing = true;
        sw.close();
    }

    @Override
    public void received(EmulatedSwitch from, OFMessage msg) {
        switch (msg.getType()) {
            case FEATURES_REQUEST -> {
                if (featuresAt < 0) {
                    featuresAt = now();
                    startFlood();
                }
            }
            case BARRIER_REQUEST -> {
                if (featuresAt >= 0 && barrierAt < 0) {
                    barrierAt = now();
                }
            }
            case FLOW_MOD, PACKET_OUT -> {
                acted();
                count(msg);
            }
            default -> {}
        }
    }

    private void count(OFMessage msg) {
        Answers.Kind kind = Answers.kind(msg);
        if (kind == Answers.Kind.PROBE) {
            probes.increment();
            return;
        }
        if (msg.getType() == OFType.FLOW_MOD) {
            flowMods.increment();
        } else {
            packetOuts.increment();
        }
        if (kind == Answers.Kind.ANSWER) {
            answers.increment();
        }
    }

    /** What this switch saw, at the end of the run. */
    FloodSwitchResult result() {
        long c = connectedAt;
        return new FloodSwitchResult(
                sw.dpid(),
                millis(c),
                since(c, featuresAt),
                since(c, barrierAt),
                since(c, firstActionAt),
                since(c, closedAt),
                flowMods.sum(),
                packetOuts.sum(),
                probes.sum(),
                answers.sum(),
                sent.sum());
    }

    long packetInsSent() {
        return sent.sum();
    }

    /** Packet-ins answered, as {@link Answers} counts them. */
    long answers() {
        return answers.sum();
    }

    private void acted() {
        if (firstActionAt < 0) {
            firstActionAt = now();
        }
    }

    private void startFlood() {
        Channel ch = sw.wire().channel();
        ch.config().setWriteBufferWaterMark(queue);
        if (sendBufferBytes > 0) {
            ch.config().setOption(ChannelOption.SO_SNDBUF, sendBufferBytes);
        }
        ch.pipeline()
                .addLast(
                        "flood",
                        new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                                if (ctx.channel().isWritable()) {
                                    pump();
                                }
                                ctx.fireChannelWritabilityChanged();
                            }
                        });
        pump();
    }

    /**
     * Writes batches of packet-ins while the channel is writable, flushing whenever it turns
     * unwritable (the socket takes what it can). Re-entered from the writability event a flush
     * fires; the outer loop then carries on.
     */
    private void pump() {
        Channel ch = sw.wire().channel();
        if (pumping) {
            return;
        }
        pumping = true;
        int budget = PUMP_LIMIT_BYTES;
        try {
            while (flooding && ch.isActive() && ch.isWritable() && budget > 0) {
                budget -= writeBatch(ch);
                if (!ch.isWritable()) {
                    ch.flush();
                }
            }
            ch.flush();
        } finally {
            pumping = false;
        }
        if (flooding && ch.isActive() && ch.isWritable() && !resumePending) {
            resumePending = true; // yield to the other switches on this loop, then carry on
            ch.eventLoop()
                    .execute(
                            () -> {
                                resumePending = false;
                                pump();
                            });
        }
    }

    private int writeBatch(Channel ch) {
        ByteBuf buf = ch.alloc().buffer(BATCH_BYTES);
        int n = 0;
        while (buf.writableBytes() >= packetIns.maxLength()) {
            buf.writeBytes(packetIns.get(cursor));
            cursor = cursor + 1 == packetIns.size() ? 0 : cursor + 1;
            n++;
        }
        int bytes = buf.readableBytes();
        sent.add(n);
        ch.write(buf, ch.voidPromise());
        return bytes;
    }

    private void closed() {
        flooding = false;
        if (!closing) {
            closedAt = now();
            log.warn(
                    "Switch {} disconnected {} ms after connecting",
                    sw.dpid(),
                    Math.round(since(connectedAt, closedAt)));
        }
    }

    private long now() {
        return System.nanoTime() - origin;
    }

    private static double millis(long nanos) {
        return nanos < 0 ? -1 : nanos / 1e6;
    }

    /** Milliseconds from {@code from} to {@code to}, -1 when either was not reached. */
    private static double since(long from, long to) {
        return from < 0 || to < 0 ? -1 : (to - from) / 1e6;
    }
}
