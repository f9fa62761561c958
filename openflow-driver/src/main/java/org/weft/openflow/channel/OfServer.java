package org.weft.openflow.channel;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.openflow.OfConfig;

/** The Netty server switches connect to: one listening socket per configured port. */
public final class OfServer {

    private static final Logger log = LoggerFactory.getLogger(OfServer.class);

    /**
     * Kernel receive buffer per switch connection. Linux would otherwise grow it to megabytes for a
     * switch that floods: megabytes of packet-ins Weft drops anyway, written at the cost of CPU
     * that the other switches' handshakes and echoes need.
     */
    static final int RECEIVE_BUFFER_BYTES = 128 * 1024;

    /** Bytes read from one switch per turn of its event loop (see start()). */
    static final int READ_BYTES_PER_TURN = 16 * 1024;

    private final OfConfig config;
    private final OfSwitchRegistry registry;
    private final SslContext ssl;
    private final List<Channel> listeners = new ArrayList<>();
    private EventLoopGroup boss;
    private EventLoopGroup workers;

    public OfServer(OfConfig config, OfSwitchRegistry registry, SslContext ssl) {
        this.config = config;
        this.registry = registry;
        this.ssl = ssl;
    }

    /** Binds every port; fails (and releases what it took) if one cannot be bound. */
    public synchronized void start() throws InterruptedException {
        boss = new NioEventLoopGroup(1, new DefaultThreadFactory("weft-of-accept", true));
        workers =
                new NioEventLoopGroup(
                        config.effectiveWorkerThreads(),
                        new DefaultThreadFactory("weft-of-io", true));
        ServerBootstrap b =
                new ServerBootstrap()
                        .group(boss, workers)
                        .channel(NioServerSocketChannel.class)
                        .option(ChannelOption.SO_BACKLOG, 1024)
                        .option(ChannelOption.SO_REUSEADDR, true)
                        // Set on the listener so accepted connections inherit it before the TCP
                        // handshake (the window is scaled then): a switch can park at most this
                        // much in Weft's kernel receive buffer while Weft does not read from it.
                        .option(ChannelOption.SO_RCVBUF, RECEIVE_BUFFER_BYTES)
                        .childOption(ChannelOption.TCP_NODELAY, true)
                        .childOption(ChannelOption.SO_KEEPALIVE, true)
                        .childOption(
                                ChannelOption.WRITE_BUFFER_WATER_MARK,
                                new WriteBufferWaterMark(
                                        config.limits().writeBufferLowBytes(),
                                        config.limits().writeBufferHighBytes()))
                        // Fairness: each switch gets one read of at most READ_BYTES_PER_TURN per
                        // turn of its event loop, so a flooding switch cannot hold the loop while
                        // other switches wait for their handshake, echo or packet-ins.
                        .childOption(
                                ChannelOption.RCVBUF_ALLOCATOR,
                                new FixedRecvByteBufAllocator(READ_BYTES_PER_TURN)
                                        .maxMessagesPerRead(1))
                        .childHandler(new OfChannelInitializer(config, registry, ssl));
        try {
            for (int port : config.ports()) {
                Channel ch =
                        b.bind(new InetSocketAddress(config.bindAddress(), port)).sync().channel();
                listeners.add(ch);
                log.info(
                        "OpenFlow listening on {}{}",
                        ch.localAddress(),
                        ssl != null ? " (TLS)" : "");
            }
        } catch (RuntimeException | InterruptedException e) {
            stop();
            throw e;
        }
    }

    /** The ports actually bound, in configuration order (useful when configured as 0). */
    public synchronized List<Integer> boundPorts() {
        return listeners.stream()
                .map(c -> ((InetSocketAddress) c.localAddress()).getPort())
                .toList();
    }

    public synchronized void stop() {
        listeners.forEach(Channel::close);
        listeners.clear();
        if (boss != null) {
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            boss = null;
            workers = null;
        }
    }
}
