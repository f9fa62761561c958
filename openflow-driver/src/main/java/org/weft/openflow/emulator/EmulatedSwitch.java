package org.weft.openflow.emulator;

import static com.google.common.base.Preconditions.checkState;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowModFailedCode;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFPortReason;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;
import org.weft.net.Dpid;
import org.weft.net.MacAddress;
import org.weft.net.PortNumber;
import org.weft.net.device.Port;
import org.weft.openflow.channel.OfMessageDecoder;
import org.weft.openflow.channel.OfMessageEncoder;
import org.weft.openflow.translate.OfPorts;

/**
 * A fake OpenFlow switch over real TCP: it answers the controller's handshake, echoes and barriers,
 * applies flow-mods and group-mods to a {@link FakeFlowTable}, records what it receives, and can
 * send packet-ins, port status changes and garbage. Used by integration tests of every module and
 * by the benchmarks.
 */
public final class EmulatedSwitch implements AutoCloseable {

    private static final class SharedLoop {
        static final EventLoopGroup GROUP =
                new NioEventLoopGroup(2, new DefaultThreadFactory("weft-emulator", true));
    }

    private final Dpid dpid;
    private final OFFactory factory;
    private final Map<PortNumber, Port> ports = new ConcurrentSkipListMap<>();
    private final FakeFlowTable table = new FakeFlowTable();
    private final EmulatorCounters counters = new EmulatorCounters();
    private final List<OFMessage> received = new CopyOnWriteArrayList<>();
    private final boolean record;
    private volatile EmulatorHandler handler;
    private volatile PacketOutHook packetOutHook;
    private volatile MessageHook messageHook;
    private volatile boolean silent;
    private volatile OFFlowModFailedCode rejectFlowMods;
    private volatile boolean barrierSilent;
    private volatile int rejectEveryNthBatch;
    private volatile OFFlowModFailedCode batchRejection;
    private final EventLoopGroup group;
    private final SslContext ssl;
    private final AtomicLong xids = new AtomicLong();
    private volatile Channel channel;

    private EmulatedSwitch(Builder b) {
        this.dpid = Dpid.of(b.dpid);
        this.factory = OFFactories.getFactory(b.version);
        for (int i = 1; i <= b.portCount; i++) {
            long mac = (b.dpid & 0xffffffL) << 16 | i;
            ports.put(
                    PortNumber.of(i),
                    new Port(
                            PortNumber.of(i),
                            "s" + b.dpid + "-eth" + i,
                            MacAddress.of(0x020000000000L | mac),
                            true,
                            true,
                            b.speedMbps));
        }
        this.group = b.group != null ? b.group : SharedLoop.GROUP;
        this.ssl = b.ssl;
        this.record = b.record;
    }

    public static Builder builder(long dpid) {
        return new Builder(dpid);
    }

    /** Opens the TCP (or TLS) connection; the handshake then runs by itself. */
    public CompletableFuture<EmulatedSwitch> connect(String host, int port) {
        CompletableFuture<EmulatedSwitch> done = new CompletableFuture<>();
        EmulatorHandler h = new EmulatorHandler(this);
        handler = h;
        new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .handler(
                        new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                if (ssl != null) {
                                    ch.pipeline().addLast(ssl.newHandler(ch.alloc(), host, port));
                                }
                                ch.pipeline()
                                        .addLast(
                                                new OfMessageDecoder(),
                                                OfMessageEncoder.INSTANCE,
                                                h);
                            }
                        })
                .connect(host, port)
                .addListener(
                        f -> {
                            if (f.isSuccess()) {
                                channel = ((io.netty.channel.ChannelFuture) f).channel();
                                done.complete(this);
                            } else {
                                done.completeExceptionally(f.cause());
                            }
                        });
        return done;
    }

    /** Waits until the controller's configuration barrier was answered (its handshake is done). */
    public boolean awaitHandshake(Duration timeout) throws InterruptedException {
        EmulatorHandler h = handler;
        checkState(h != null, "connect first");
        return h.awaitHandshake(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Dpid dpid() {
        return dpid;
    }

    public OFFactory factory() {
        return factory;
    }

    public FakeFlowTable table() {
        return table;
    }

    public List<Port> ports() {
        return new ArrayList<>(ports.values());
    }

    public boolean isPortLive(PortNumber p) {
        Port port = ports.get(p);
        return port != null && port.isLive();
    }

    /** Ports a packet would leave by, following the fake table and live ports. */
    public Set<PortNumber> outputs(PacketHeaders p) {
        return table.outputs(p, this::isPortLive);
    }

    /**
     * The control channel once {@link #connect} succeeded (null before): for load generators that
     * write on it themselves, watch its writability or its closing.
     */
    public Channel channel() {
        return channel;
    }

    public boolean isConnected() {
        Channel c = channel;
        return c != null && c.isActive();
    }

    /** Messages received from the controller (when recording is on). */
    public List<OFMessage> received() {
        return List.copyOf(received);
    }

    /** Forgets the messages received so far. */
    public void clearReceived() {
        received.clear();
    }

    void record(OFMessage m) {
        if (record) {
            received.add(m);
        }
    }

    public <T extends OFMessage> List<T> received(Class<T> type) {
        return received().stream().filter(type::isInstance).map(type::cast).toList();
    }

    public EmulatorCounters counters() {
        return counters;
    }

    /**
     * Calls the hook for every packet-out the controller sends (after recording and counting it);
     * null removes it. {@link EmulatedFabric} uses this to carry frames over cables.
     */
    public void onPacketOut(PacketOutHook hook) {
        packetOutHook = hook;
    }

    PacketOutHook packetOutHook() {
        return packetOutHook;
    }

    /**
     * Calls the hook for every message the controller sends, after the switch handled it; null
     * removes it. The benchmarks use this to keep a window of packet-ins outstanding.
     */
    public void onMessage(MessageHook hook) {
        messageHook = hook;
    }

    MessageHook messageHook() {
        return messageHook;
    }

    /** Stops (or resumes) answering the controller's echo requests, as a hung switch would. */
    public void setSilent(boolean silent) {
        this.silent = silent;
    }

    boolean isSilent() {
        return silent;
    }

    OFFlowModFailedCode flowModRejection() {
        return rejectFlowMods;
    }

    /**
     * Makes the switch reject every following flow-mod with FLOW_MOD_FAILED (or accept again with
     * null).
     */
    public void rejectFlowModsWith(OFFlowModFailedCode code) {
        rejectFlowMods = code;
    }

    /**
     * Stops (or resumes) answering barrier requests, while answering everything else (echoes,
     * stats): a switch whose flow-mods are never confirmed.
     */
    public void setBarrierSilent(boolean silent) {
        this.barrierSilent = silent;
    }

    boolean isBarrierSilent() {
        return barrierSilent;
    }

    /**
     * Makes the switch reject every flow-mod of every {@code n}th batch (a batch ends at a barrier)
     * with the code, counting batches from now; {@code n} 0 accepts everything again.
     */
    public void rejectEveryNthBatch(int n, OFFlowModFailedCode code) {
        if (n < 0) {
            throw new IllegalArgumentException("n " + n + " < 0");
        }
        this.batchRejection = code;
        this.rejectEveryNthBatch = n;
        EmulatorHandler h = handler;
        if (h != null) {
            h.restartBatchCount();
        }
    }

    /** The code to reject a flow-mod of batch number {@code batch} (from 0) with, or null. */
    OFFlowModFailedCode batchRejection(long batch) {
        int n = rejectEveryNthBatch;
        return n > 0 && batch % n == n - 1 ? batchRejection : null;
    }

    Map<PortNumber, Port> portMap() {
        return ports;
    }

    /** Sends a packet-in as if the frame arrived on the port and missed the table. */
    public void sendPacketIn(PortNumber inPort, byte[] frame) {
        OFMessage pi;
        if (factory.getVersion() == OFVersion.OF_10) {
            pi =
                    factory.buildPacketIn()
                            .setXid(nextXid())
                            .setBufferId(OFBufferId.NO_BUFFER)
                            .setInPort(OfPorts.toOf(inPort))
                            .setReason(OFPacketInReason.NO_MATCH)
                            .setTotalLen(frame.length)
                            .setData(frame)
                            .build();
        } else {
            pi =
                    factory.buildPacketIn()
                            .setXid(nextXid())
                            .setBufferId(OFBufferId.NO_BUFFER)
                            .setMatch(
                                    factory.buildMatch()
                                            .setExact(MatchField.IN_PORT, OfPorts.toOf(inPort))
                                            .build())
                            .setTableId(TableId.of(0))
                            .setCookie(U64.ZERO)
                            .setReason(OFPacketInReason.NO_MATCH)
                            .setTotalLen(frame.length)
                            .setData(frame)
                            .build();
        }
        send(pi);
    }

    /** Brings a port's link up or down and tells the controller (PORT_STATUS MODIFY). */
    public void setPortLive(PortNumber number, boolean live) {
        Port p = ports.get(number);
        checkState(p != null, "no port %s", number);
        Port changed = new Port(p.number(), p.name(), p.mac(), p.adminUp(), live, p.speedMbps());
        ports.put(number, changed);
        send(
                factory.buildPortStatus()
                        .setXid(nextXid())
                        .setReason(OFPortReason.MODIFY)
                        .setDesc(EmulatorPorts.describe(factory, changed))
                        .build());
    }

    long nextXid() {
        return xids.incrementAndGet();
    }

    public void send(OFMessage msg) {
        Channel c = channel;
        checkState(c != null, "not connected");
        c.writeAndFlush(msg);
    }

    /** Writes raw bytes on the control channel (to test the controller's handling of garbage). */
    public void sendRaw(byte[] bytes) {
        Channel c = channel;
        checkState(c != null, "not connected");
        c.writeAndFlush(Unpooled.wrappedBuffer(bytes));
    }

    @Override
    public void close() {
        Channel c = channel;
        if (c != null) {
            c.close().syncUninterruptibly();
        }
    }

    /**
     * Configures an {@link EmulatedSwitch}: OF1.3, 4 ports at 10 Gbit/s, recording on by default.
     */
    public static final class Builder {
        private final long dpid;
        private OFVersion version = OFVersion.OF_13;
        private int portCount = 4;
        private long speedMbps = 10_000;
        private boolean record = true;
        private EventLoopGroup group;
        private SslContext ssl;

        private Builder(long dpid) {
            this.dpid = dpid;
        }

        public Builder version(OFVersion v) {
            version = v;
            return this;
        }

        public Builder ports(int count) {
            portCount = count;
            return this;
        }

        public Builder speedMbps(long mbps) {
            speedMbps = mbps;
            return this;
        }

        /** Whether to keep every received message (off for load generation). */
        public Builder record(boolean on) {
            record = on;
            return this;
        }

        public Builder eventLoop(EventLoopGroup g) {
            group = g;
            return this;
        }

        public Builder tls(SslContext clientContext) {
            ssl = clientContext;
            return this;
        }

        public EmulatedSwitch build() {
            return new EmulatedSwitch(this);
        }
    }
}
