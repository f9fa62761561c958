package org.weft.openflow.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFEchoRequest;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.weft.openflow.OfLimits;

class OfMessageDecoderTest {

    private static List<Object> decode(OFFactory f, long abandoned, long... xids) {
        ChannelCounters counters = new ChannelCounters();
        counters.abandonedMultipartXid = abandoned;
        PacketInAdmission admission =
                new PacketInAdmission(
                        OfLimits.PacketInLimits.defaults(), System::nanoTime, counters);
        EmbeddedChannel ch = new EmbeddedChannel(new OfMessageDecoder(admission, new ReadGate()));
        ByteBuf in = Unpooled.buffer();
        for (long xid : xids) {
            f.buildFlowStatsReply()
                    .setXid(xid)
                    .setFlags(Set.of(OFStatsReplyFlags.REPLY_MORE))
                    .setEntries(List.of())
                    .build()
                    .writeTo(in);
        }
        f.buildEchoRequest().setXid(99).build().writeTo(in);
        ch.writeInbound(in);
        List<Object> out = new ArrayList<>();
        for (Object o = ch.readInbound(); o != null; o = ch.readInbound()) {
            out.add(o);
        }
        ch.finishAndReleaseAll();
        return out;
    }

    @Test
    void partsOfAnAbandonedMultipartReplyAreSkippedUnparsedInBothVersions() {
        for (OFVersion v : List.of(OFVersion.OF_10, OFVersion.OF_13)) {
            OFFactory f = OFFactories.getFactory(v);
            List<Object> out = decode(f, 7, 7, 8, 7, 7);
            assertThat(out).as("%s", v).hasSize(2);
            assertThat(out.get(0))
                    .isInstanceOfSatisfying(
                            MultipartPart.class,
                            p -> {
                                assertThat(p.reply().getXid()).isEqualTo(8);
                                assertThat(p.bytes()).isPositive();
                            });
        }
    }

    @Test
    void withNothingAbandonedEveryPartIsDecodedWithItsSize() {
        List<Object> out = decode(OFFactories.getFactory(OFVersion.OF_13), -1, 1, 2, 3);
        assertThat(out).hasSize(4).first().isInstanceOf(MultipartPart.class);
    }

    @Test
    void packetInsAreDroppedUnparsedWhileTheAppsQueueForTheSwitchIsFull() {
        OFFactory f = OFFactories.getFactory(OFVersion.OF_13);
        ChannelCounters counters = new ChannelCounters();
        PacketInAdmission admission =
                new PacketInAdmission(
                        OfLimits.PacketInLimits.defaults(), System::nanoTime, counters);
        ReadGate gate = new ReadGate();
        EmbeddedChannel ch = new EmbeddedChannel(new OfMessageDecoder(admission, gate));
        AtomicBoolean full = new AtomicBoolean(true);
        ch.attr(PacketInAdmission.BACKLOG_FULL).set(full::get);

        ch.writeInbound(frames(f, 3));
        assertThat((Object) ch.readInbound()).isInstanceOf(OFEchoRequest.class);
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(counters.packetInsDropped.sum()).isEqualTo(3);
        assertThat(counters.packetInsAdmitted.sum()).isZero();
        assertThat(gate.isClosed(ReadGate.ADMISSION)).as("reading pauses").isTrue();

        full.set(false);
        ch.writeInbound(frames(f, 2));
        List<Object> out = new ArrayList<>();
        for (Object o = ch.readInbound(); o != null; o = ch.readInbound()) {
            out.add(o);
        }
        assertThat(out).hasSize(3).first().isInstanceOf(PacketIn.class);
        assertThat(counters.packetInsAdmitted.sum()).isEqualTo(2);
        ch.finishAndReleaseAll();
    }

    /** {@code n} packet-ins, then an echo request. */
    private static ByteBuf frames(OFFactory f, int n) {
        ByteBuf in = Unpooled.buffer();
        for (int i = 0; i < n; i++) {
            TestPacketIns.tableMiss(f, i).writeTo(in);
        }
        f.buildEchoRequest().setXid(99).build().writeTo(in);
        return in;
    }
}
