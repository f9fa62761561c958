package org.weft.openflow.channel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
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

/**
 * Loads and initialises, at start, the protocol classes every switch's handshake needs (Loxi's
 * factories, readers and writers for OpenFlow 1.0 and 1.3, the handshake's messages): otherwise the
 * first switches to connect pay for it, and when they connect at once after a restart, each
 * flooding packet-ins, their handshakes wait behind class loading on a cold JVM.
 */
public final class OfWarmup {

    private static final Logger log = LoggerFactory.getLogger(OfWarmup.class);

    private OfWarmup() {}

    /** Encodes and decodes the handshake's messages once per supported version. */
    public static void run() {
        long start = System.nanoTime();
        OfMessageDecoder.OfMessageReader reader = new OfMessageDecoder.OfMessageReader();
        OfHandshakeSteps steps = new OfHandshakeSteps(org.weft.openflow.OfConfig.defaults());
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
                reader.read(buf);
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
