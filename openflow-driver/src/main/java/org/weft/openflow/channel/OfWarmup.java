package org.weft.openflow.channel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFPortFeatures;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.Dpid;
import org.weft.openflow.OfConfig;

/**
 * Loads and initialises, at start, the classes every switch's handshake needs (Loxi's factories,
 * readers and writers for OpenFlow 1.0 and 1.3, the switch pipeline's handlers): otherwise the
 * first switches to connect pay for it, and when they connect at once after a restart, each
 * flooding packet-ins, their handshakes wait behind class loading on a cold JVM.
 */
public final class OfWarmup {

    private static final Logger log = LoggerFactory.getLogger(OfWarmup.class);

    private OfWarmup() {}

    /**
     * Encodes and decodes the handshake's messages once per supported version, then runs a whole
     * handshake per version through a real switch pipeline on an in-memory channel.
     *
     * @return the versions whose handshake went through to registration
     */
    public static int run(OfConfig config) {
        messages();
        int done = 0;
        for (OFVersion v : OfVersions.SUPPORTED) {
            try {
                if (handshake(config, v)) {
                    done++;
                } else {
                    log.warn("Warming up the {} handshake did not reach registration", v);
                }
            } catch (Exception e) { // Netty rethrows checked exceptions undeclared
                // A warm-up that fails costs the first switches some time, nothing more.
                log.warn("Warming up the {} handshake failed", v, e);
            }
        }
        return done;
    }

    /**
     * A handshake through the pipeline every switch channel gets ({@link OfChannelInitializer}),
     * against a registry of its own (no listener hears of it), ending with a packet-in, an echo and
     * a barrier reply.
     */
    private static boolean handshake(OfConfig config, OFVersion v) {
        OFFactory f = OFFactories.getFactory(v);
        OfSwitchRegistry registry = OfSwitchRegistry.refusingAll();
        EmbeddedChannel ch =
                new EmbeddedChannel(
                        new ChannelInitializer<Channel>() {
                            @Override
                            protected void initChannel(Channel c) {
                                OfChannelInitializer.build(c.pipeline(), config, registry, null);
                            }
                        });
        try {
            exchange(ch, f.buildHello().setXid(1).build());
            exchange(ch, f.buildEchoRequest().setXid(7).build());
            exchange(ch, packetIn(f)); // before FEATURES_REPLY: admitted, parsed, dropped
            var features =
                    f.buildFeaturesReply()
                            .setXid(1)
                            .setDatapathId(DatapathId.of(WARMUP_DPID))
                            .setNBuffers(0);
            if (v == OFVersion.OF_10) {
                features.setPorts(List.of(port(f)));
            }
            exchange(ch, features.build()); // OF1.0: configured and registered (refused) here
            if (v != OFVersion.OF_10) {
                exchange(ch, packetIn(f)); // kept until it is active
                exchange(
                        ch,
                        f.buildPortDescStatsReply().setXid(2).setEntries(List.of(port(f))).build());
            }
            return !ch.isActive(); // the registry refused it at the end of its handshake
        } finally {
            ch.close();
            ch.runPendingTasks();
            ch.finishAndReleaseAll();
        }
    }

    private static final long WARMUP_DPID = 0xffff_ffff_ffff_fff0L;

    private static void exchange(EmbeddedChannel ch, OFMessage m) {
        ByteBuf buf = Unpooled.buffer();
        m.writeTo(buf);
        ch.writeInbound(buf);
        ch.runPendingTasks();
        for (Object out = ch.readOutbound(); out != null; out = ch.readOutbound()) {
            ReferenceCountUtil.release(out);
        }
        for (Object read = ch.readInbound(); read != null; read = ch.readInbound()) {
            ReferenceCountUtil.release(read);
        }
    }

    private static org.projectfloodlight.openflow.protocol.OFPortDesc port(OFFactory f) {
        var b = f.buildPortDesc().setPortNo(OFPort.of(1)).setName("warmup");
        if (f.getVersion().compareTo(OFVersion.OF_13) <= 0) {
            b.setCurr(Set.of(OFPortFeatures.PF_10GB_FD));
        }
        return b.build();
    }

    /** Encodes and decodes the handshake's messages once per supported version. */
    private static void messages() {
        long start = System.nanoTime();
        OfMessageDecoder.OfMessageReader reader = new OfMessageDecoder.OfMessageReader();
        OfHandshakeSteps steps = new OfHandshakeSteps(OfConfig.defaults());
        int messages = 0;
        for (OFVersion v : OfVersions.SUPPORTED) {
            OFFactory f = OFFactories.getFactory(v);
            List<OFMessage> all = new ArrayList<>(steps.configure(f, Dpid.of(1), 3));
            all.add(OfVersions.hello(OfVersions.SUPPORTED, 0));
            all.add(f.buildFeaturesRequest().setXid(1).build());
            all.add(f.buildEchoRequest().setXid(2).build());
            all.add(f.buildEchoReply().setXid(2).build());
            all.add(packetIn(f));
            var features =
                    f.buildFeaturesReply().setXid(1).setDatapathId(DatapathId.of(1)).setNBuffers(0);
            if (v == OFVersion.OF_10) {
                features.setPorts(
                        List.of(
                                f.buildPortDesc()
                                        .setPortNo(OFPort.of(1))
                                        .setName("warmup")
                                        .setCurr(Set.of(OFPortFeatures.PF_10GB_FD))
                                        .build()));
            } else {
                all.add(f.buildPortDescStatsRequest().setXid(2).build());
            }
            all.add(features.build());
            for (OFMessage m : all) {
                ByteBuf buf = Unpooled.buffer();
                m.writeTo(buf);
                reader.read(buf, buf.readerIndex(), buf.readableBytes());
                buf.release();
                messages++;
            }
        }
        log.debug(
                "Protocol classes warmed up with {} messages in {} ms",
                messages,
                (System.nanoTime() - start) / 1_000_000);
    }

    private static OFMessage packetIn(OFFactory f) {
        var b =
                f.buildPacketIn()
                        .setXid(5)
                        .setBufferId(OFBufferId.NO_BUFFER)
                        .setTotalLen(60)
                        .setReason(OFPacketInReason.NO_MATCH)
                        .setData(new byte[60]);
        if (f.getVersion() == OFVersion.OF_10) {
            b.setInPort(OFPort.of(1));
        } else {
            b.setTableId(TableId.ZERO)
                    .setCookie(U64.ZERO)
                    .setMatch(f.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(1)).build());
        }
        return b.build();
    }
}
