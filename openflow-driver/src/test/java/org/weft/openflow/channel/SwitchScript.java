package org.weft.openflow.channel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFMessageReader;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortFeatures;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;
import org.weft.openflow.OfConfig;

/**
 * The switch side of one controller channel, on an {@link EmbeddedChannel} with virtual time: the
 * driver's own decoder, encoder and {@link OfChannelHandler} (the pipeline {@link
 * OfChannelInitializer} builds, without back-pressure, flush consolidation and TLS), fed bytes as a
 * switch would send them. What the driver writes comes back as raw OpenFlow frames. Time moves only
 * through {@link #advance}: the event loop's scheduled tasks and the handler's clock together.
 */
public final class SwitchScript implements AutoCloseable {

    private final EmbeddedChannel ch;
    private final OfChannelHandler handler;
    private final ChannelCounters counters = new ChannelCounters();
    private final OfSwitchRegistry registry;
    private long nowNanos = 1_000_000_000L;

    private SwitchScript(OfConfig config, OfSwitchRegistry registry) {
        this.registry = registry;
        ReadGate gate = new ReadGate();
        PacketInAdmission admission =
                new PacketInAdmission(config.limits().packetIns(), this::now, counters);
        handler = new OfChannelHandler(config, registry, counters, gate, this::now);
        ch = new EmbeddedChannel(false, true);
        ch.freezeTime();
        ch.pipeline()
                .addLast("decoder", new OfMessageDecoder(admission, gate, true))
                .addLast("encoder", OfMessageEncoder.INSTANCE)
                .addLast("handler", handler);
    }

    /** A connection from a switch: the driver's HELLO is the first frame written. */
    public static SwitchScript connect(OfConfig config, OfSwitchRegistry registry) {
        SwitchScript s = new SwitchScript(config, registry);
        try {
            s.ch.register();
        } catch (Exception e) {
            throw new IllegalStateException("registering an embedded channel failed", e);
        }
        s.ch.runPendingTasks();
        return s;
    }

    public static SwitchScript connect(OfConfig config) {
        return connect(config, new OfSwitchRegistry(Duration.ofSeconds(1)));
    }

    private long now() {
        return nowNanos;
    }

    public OfSwitchRegistry registry() {
        return registry;
    }

    /** The switch sends a message. */
    public void send(OFMessage m) {
        ByteBuf buf = Unpooled.buffer();
        m.writeTo(buf);
        sendBytes(buf);
    }

    /** The switch sends raw bytes (any framing). */
    public void sendBytes(ByteBuf bytes) {
        ch.writeInbound(bytes);
        ch.runPendingTasks();
    }

    public void sendHex(String hex) {
        sendBytes(Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex.replaceAll("\\s", ""))));
    }

    /** Virtual time passes: scheduled tasks due by then run, the handler's clock moves with it. */
    public void advance(Duration d) {
        nowNanos += d.toNanos();
        ch.advanceTimeBy(d.toNanos(), TimeUnit.NANOSECONDS);
        ch.runScheduledPendingTasks();
        ch.runPendingTasks();
    }

    /** Every OpenFlow frame the driver wrote since the last call, in order, as raw bytes. */
    public List<byte[]> frames() {
        List<byte[]> out = new ArrayList<>();
        framesByWrite().forEach(out::addAll);
        return out;
    }

    /**
     * Releases every write the driver made since the last call, without copying it; returns how
     * many OpenFlow frames they held.
     */
    public int releaseWrites() {
        ch.runPendingTasks();
        int frames = 0;
        for (Object o = ch.readOutbound(); o != null; o = ch.readOutbound()) {
            ByteBuf buf = (ByteBuf) o;
            for (int at = buf.readerIndex();
                    at + OfMessageDecoder.HEADER_LENGTH <= buf.writerIndex();
                    at += buf.getUnsignedShort(at + 2)) {
                frames++;
            }
            buf.release();
        }
        return frames;
    }

    /** {@link #frames()}, grouped by the channel write that carried them. */
    public List<List<byte[]>> framesByWrite() {
        ch.runPendingTasks();
        List<List<byte[]>> writes = new ArrayList<>();
        for (Object o = ch.readOutbound(); o != null; o = ch.readOutbound()) {
            List<byte[]> out = new ArrayList<>();
            writes.add(out);
            ByteBuf buf = (ByteBuf) o;
            try {
                while (buf.readableBytes() >= OfMessageDecoder.HEADER_LENGTH) {
                    int len = buf.getUnsignedShort(buf.readerIndex() + 2);
                    out.add(ByteBufUtil.getBytes(buf, buf.readerIndex(), len));
                    buf.skipBytes(len);
                }
                if (buf.isReadable()) {
                    throw new IllegalStateException(
                            "driver wrote a partial frame: " + ByteBufUtil.hexDump(buf));
                }
            } finally {
                buf.release();
            }
        }
        return writes;
    }

    /** {@link #frames()} decoded by Loxi. */
    public List<OFMessage> messages() {
        OFMessageReader<OFMessage> reader = OFFactories.getGenericReader();
        List<OFMessage> out = new ArrayList<>();
        for (byte[] frame : frames()) {
            try {
                out.add(reader.readFrom(Unpooled.wrappedBuffer(frame)));
            } catch (org.projectfloodlight.openflow.exceptions.OFParseError e) {
                throw new IllegalStateException(
                        "driver wrote an undecodable frame " + ByteBufUtil.hexDump(frame), e);
            }
        }
        return out;
    }

    public OfHandshake.State state() {
        return handler.state();
    }

    public boolean isActive() {
        return handler.state() == OfHandshake.State.ACTIVE;
    }

    public boolean isOpen() {
        ch.runPendingTasks();
        return ch.isOpen();
    }

    public long malformedCount() {
        return counters.malformed.sum();
    }

    public long packetInsDropped() {
        return counters.packetInsDropped.sum();
    }

    /** The exception the pipeline let through (rethrown), if any. */
    public void checkException() {
        ch.checkException();
    }

    /**
     * The switch's side of a whole handshake: HELLO in {@code v} (with a version bitmap on 1.3),
     * FEATURES_REPLY with {@code dpid} and, on 1.3, a one-part PORT_DESC reply with {@code ports}
     * ports; with a role request, the configuration barrier is answered too.
     */
    public void handshake(OFVersion v, long dpid, int ports) {
        handshake(v, dpid, ports, 254);
    }

    /** As {@link #handshake(OFVersion, long, int)}, reporting {@code tables} tables. */
    public void handshake(OFVersion v, long dpid, int ports, int tables) {
        OFFactory f = OFFactories.getFactory(v);
        send(hello(v));
        var features =
                f.buildFeaturesReply()
                        .setXid(1)
                        .setDatapathId(DatapathId.of(dpid))
                        .setNBuffers(256)
                        .setNTables((short) tables);
        List<OFPortDesc> descs = new ArrayList<>();
        for (int p = 1; p <= ports; p++) {
            descs.add(port(f, p));
        }
        if (v == OFVersion.OF_10) {
            features.setPorts(descs);
        }
        send(features.build());
        if (v != OFVersion.OF_10) {
            send(f.buildPortDescStatsReply().setXid(2).setEntries(descs).build());
        }
        if (state() == OfHandshake.State.WAIT_CONFIG_BARRIER) {
            long barrier = configBarrierXid(v);
            send(f.buildBarrierReply().setXid(barrier).build());
        }
    }

    private static long configBarrierXid(OFVersion v) {
        return v == OFVersion.OF_10 ? 4 : 6; // SET_CONFIG 3, [table-miss 4, role 5,] barrier
    }

    /** A switch's HELLO: OF1.0 bare, later versions with a bitmap of that version only. */
    public static OFMessage hello(OFVersion v) {
        OFFactory f = OFFactories.getFactory(v);
        if (v == OFVersion.OF_10) {
            return f.buildHello().setXid(11).build();
        }
        return OfVersions.hello(java.util.EnumSet.of(v), 11);
    }

    static OFPortDesc port(OFFactory f, int number) {
        var b =
                f.buildPortDesc()
                        .setPortNo(OFPort.of(number))
                        .setHwAddr(MacAddress.of(0x0200_0000_0000L + number))
                        .setName("eth" + number);
        if (f.getVersion().compareTo(OFVersion.OF_13) <= 0) {
            b.setCurr(java.util.Set.of(OFPortFeatures.PF_10GB_FD));
        }
        return b.build();
    }

    @Override
    public void close() {
        ch.close();
        ch.runPendingTasks();
        ch.finishAndReleaseAll();
    }
}
