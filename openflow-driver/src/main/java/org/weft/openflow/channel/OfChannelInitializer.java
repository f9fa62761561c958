package org.weft.openflow.channel;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import org.weft.openflow.OfConfig;

/**
 * Builds a switch channel's pipeline: back-pressure at the head (it sees encoded bytes), flush
 * consolidation, [TLS], framing + packet-in admission + decoding, encoding, then the channel's
 * handler. The channel's counters are shared by the three that count.
 */
final class OfChannelInitializer extends ChannelInitializer<SocketChannel> {

    /** At most this many flushes are merged into one while no read is in progress. */
    private static final int FLUSHES_PER_WRITE = 64;

    private final OfConfig config;
    private final OfSwitchRegistry registry;
    private final SslContext ssl;

    OfChannelInitializer(OfConfig config, OfSwitchRegistry registry, SslContext ssl) {
        this.config = config;
        this.registry = registry;
        this.ssl = ssl;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        build(ch.pipeline(), config, registry, ssl);
    }

    /** Adds a switch channel's handlers to {@code p} (also used by {@link OfWarmup}). */
    static void build(
            ChannelPipeline p, OfConfig config, OfSwitchRegistry registry, SslContext ssl) {

        ChannelCounters counters = new ChannelCounters();
        ReadGate gate = new ReadGate();
        p.addLast("backpressure", new BackPressure(config.limits(), counters, gate));
        // Replies written while a burst of packet-ins is being read go out in one flush per burst.
        p.addLast("flush", new FlushConsolidationHandler(FLUSHES_PER_WRITE, true));
        if (ssl != null) {
            p.addLast("tls", ssl.newHandler(p.channel().alloc()));
        }
        PacketInAdmission admission =
                new PacketInAdmission(config.limits().packetIns(), System::nanoTime, counters);
        p.addLast("tally", new SentMessageTally(counters.sent, registry.sent()));
        p.addLast("decoder", new OfMessageDecoder(admission, gate, true));
        p.addLast("encoder", OfMessageEncoder.INSTANCE);
        p.addLast(
                "handler",
                new OfChannelHandler(config, registry, counters, gate, System::nanoTime));
    }
}
