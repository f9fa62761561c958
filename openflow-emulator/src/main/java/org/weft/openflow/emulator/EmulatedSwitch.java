package org.weft.openflow.emulator;

import static com.google.common.base.Preconditions.checkState;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFPortReason;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.weft.net.Dpid;
import org.weft.net.MacAddress;
import org.weft.net.PortNumber;
import org.weft.net.device.Port;

/**
 * A fake OpenFlow switch over real TCP: it answers the controller's handshake, echoes and barriers,
 * applies flow-mods and group-mods to a {@link FakeFlowTable} (decoded by its own code, not the
 * driver's), records what it receives, and can send packet-ins, port status changes and garbage.
 * Used by the integration tests of every module and by the benchmarks. Its methods speak Weft's
 * types; OpenFlow-level access is in {@link #wire()}.
 */
public final class EmulatedSwitch implements AutoCloseable {

    private static final class SharedLoop {
        static final EventLoopGroup GROUP =
                new NioEventLoopGroup(2, new DefaultThreadFactory("weft-emulator", true));
    }

    private final Dpid dpid;
    private final OpenFlowVersion version;
    private final OFFactory factory;
    private final Map<PortNumber, Port> ports = new ConcurrentSkipListMap<>();
    private final FakeFlowTable table = new FakeFlowTable();
    private final int tables;
    private final Map<Long, long[]> meters = new ConcurrentSkipListMap<>();
    private final PacketBuffers buffers = new PacketBuffers();
    private final EmulatorCounters counters = new EmulatorCounters();
    private final EmulatedPortCounters portCounters = new EmulatedPortCounters();
    private final SwitchFaults faults = new SwitchFaults();
    private final EmulatorWire wire;
    private volatile EmulatorHandler handler;
    private volatile PacketOutHook packetOutHook;
    private final EventLoopGroup group;
    private final SslContext ssl;
    private final AtomicLong xids = new AtomicLong();
    private final EmulatorRoles roles = new EmulatorRoles();

    EmulatedSwitch(EmulatedSwitchBuilder b) {
        this.dpid = Dpid.of(b.dpid);
        this.version = b.version;
        this.tables = b.tables;
        this.factory = OFFactories.getFactory(b.version.wire());
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
        this.wire = new EmulatorWire(this, factory, b.record);
    }

    public static EmulatedSwitchBuilder builder(long dpid) {
        return new EmulatedSwitchBuilder(dpid);
    }

    /** Opens the TCP (or TLS) connection; the handshake then runs by itself. */
    public CompletableFuture<EmulatedSwitch> connect(String host, int port) {
        return open(host, port, true);
    }

    /**
     * Opens one more connection, to another controller (a cluster): each connection has its own
     * role; what the switch sends goes to every controller, packet-ins not to SLAVE ones. Call
     * {@link #connect} first; the first connection stays the one {@link #wire()} and the fault
     * settings speak of.
     */
    public CompletableFuture<EmulatedSwitch> connectAlso(String host, int port) {
        checkState(wire.channel() != null, "connect first");
        return open(host, port, false);
    }

    /** The largest generation id a role request carried (OpenFlow 1.3 roles), or empty. */
    public java.util.OptionalLong maxGenerationId() {
        return roles.maxGeneration();
    }

    EmulatorRoles roles() {
        return roles;
    }

    private CompletableFuture<EmulatedSwitch> open(String host, int port, boolean primary) {
        CompletableFuture<EmulatedSwitch> done = new CompletableFuture<>();
        EmulatorHandler h = new EmulatorHandler(this);
        if (primary) {
            handler = h;
        }
        new Bootstrap()
                .group(group)
                .channel(io.netty.channel.socket.nio.NioSocketChannel.class)
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
                                                new EmulatorFraming.Decoder(dpid, h::leanFlowMods),
                                                EmulatorFraming.Encoder.INSTANCE,
                                                h);
                            }
                        })
                .connect(host, port)
                .addListener(
                        f -> {
                            if (f.isSuccess() && !primary) {
                                wire.addOther(((ChannelFuture) f).channel());
                                done.complete(this);
                            } else if (f.isSuccess()) {
                                wire.channel(((ChannelFuture) f).channel());
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

    public OpenFlowVersion version() {
        return version;
    }

    /** The switch's control channel at the OpenFlow message level (Loxi and Netty types). */
    public EmulatorWire wire() {
        return wire;
    }

    OFFactory factory() {
        return factory;
    }

    /** Tables it reports. */
    public int tables() {
        return tables;
    }

    /** Meters installed: id to {rate kbit/s, burst kbit}. */
    public Map<Long, long[]> meters() {
        return meters;
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

    public boolean isConnected() {
        Channel c = wire.channel();
        return c != null && c.isActive();
    }

    /** What the switch received from the controller (when recording is on), in order. */
    public List<ReceivedMessage> history() {
        return wire.received().stream().map(ReceivedMessage::of).toList();
    }

    /** Forgets what the switch received so far. */
    public void clearHistory() {
        wire.clearReceived();
    }

    public EmulatorCounters counters() {
        return counters;
    }

    /** The counters port statistics report (zero until a test moves them). */
    public EmulatedPortCounters portCounters() {
        return portCounters;
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

    SwitchFaults faults() {
        return faults;
    }

    /** Stops (or resumes) answering the controller's echo requests, as a hung switch would. */
    public void setSilent(boolean silent) {
        faults.silent(silent);
    }

    /**
     * Makes the switch refuse every following flow-mod with FLOW_MOD_FAILED and the error (or
     * accept again with null).
     */
    public void rejectFlowModsWith(FlowModError error) {
        faults.rejectFlowMods(error);
    }

    /**
     * Stops (or resumes) answering barrier requests, while answering everything else (echoes,
     * stats): a switch whose flow-mods are never confirmed.
     */
    public void setBarrierSilent(boolean silent) {
        faults.barrierSilent(silent);
    }

    /**
     * Holds the replies to the following barrier requests (the handshake's is always answered)
     * until {@link #releaseBarriers()}: a switch slow to confirm its flow-mods.
     */
    public void holdBarriers() {
        faults.holdBarriers(true);
    }

    /** Barrier requests held and not yet answered. */
    public int heldBarriers() {
        return faults.heldCount();
    }

    /** Answers every held barrier request, in order, and stops holding. */
    public void releaseBarriers() {
        for (long xid : faults.release()) {
            wire.send(factory.buildBarrierReply().setXid(xid).build());
        }
    }

    /**
     * Makes the switch refuse every flow-mod of every {@code n}th batch (a batch ends at a barrier)
     * with the error, counting batches from now; {@code n} 0 accepts everything again.
     */
    public void rejectEveryNthBatch(int n, FlowModError error) {
        faults.rejectEveryNthBatch(n, error);
        EmulatorHandler h = handler;
        if (h != null) {
            h.restartBatchCount();
        }
    }

    Map<PortNumber, Port> portMap() {
        return ports;
    }

    /** Sends a packet-in as if the frame arrived on the port and missed the table. */
    public void sendPacketIn(PortNumber inPort, byte[] frame) {
        wire.send(SwitchMessages.packetIn(factory, nextXid(), inPort, frame, OFBufferId.NO_BUFFER));
    }

    /**
     * Sends a packet-in as {@link #sendPacketIn} does, keeping the packet in a buffer: a flow-mod
     * naming the buffer sends it on by the table (after applying the flow-mod), a packet-out naming
     * it by the packet-out's actions; either way it shows in {@link #releasedPackets()}.
     *
     * @return the buffer id
     */
    public int sendBufferedPacketIn(PortNumber inPort, byte[] frame) {
        int id = buffers.hold(inPort, frame);
        wire.send(SwitchMessages.packetIn(factory, nextXid(), inPort, frame, OFBufferId.of(id)));
        return id;
    }

    /** Buffered packets the controller released, in order. */
    public List<ReleasedPacket> releasedPackets() {
        return buffers.released();
    }

    /** Packets held in buffers now (sent to the controller, not released yet). */
    public int bufferedPackets() {
        return buffers.heldCount();
    }

    PacketBuffers buffers() {
        return buffers;
    }

    /** Brings a port's link up or down and tells the controller (PORT_STATUS MODIFY). */
    public void setPortLive(PortNumber number, boolean live) {
        Port p = ports.get(number);
        checkState(p != null, "no port %s", number);
        Port changed = new Port(p.number(), p.name(), p.mac(), p.adminUp(), live, p.speedMbps());
        ports.put(number, changed);
        wire.send(
                factory.buildPortStatus()
                        .setXid(nextXid())
                        .setReason(OFPortReason.MODIFY)
                        .setDesc(EmulatorPorts.describe(factory, changed))
                        .build());
    }

    long nextXid() {
        return xids.incrementAndGet();
    }

    @Override
    public void close() {
        wire.closeOthers();
        Channel c = wire.channel();
        if (c != null) {
            c.close().syncUninterruptibly();
        }
    }
}
