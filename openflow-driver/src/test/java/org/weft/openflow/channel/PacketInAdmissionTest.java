package org.weft.openflow.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;
import org.weft.openflow.OfLimits.PacketInLimits;

class PacketInAdmissionTest {

    private static final OFFactory OF10 = OFFactories.getFactory(OFVersion.OF_10);
    private static final OFFactory OF13 = OFFactories.getFactory(OFVersion.OF_13);

    /** An Ethernet frame of the given type, optionally behind VLAN tags, 60 bytes at least. */
    private static byte[] frame(int ethType, int... vlanTags) {
        ByteBuf b = Unpooled.buffer();
        b.writeBytes(new byte[] {0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1});
        for (int tpid : vlanTags) {
            b.writeShort(tpid).writeShort(10);
        }
        b.writeShort(ethType);
        while (b.readableBytes() < 60) {
            b.writeByte(0);
        }
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        return out;
    }

    private static OFPacketIn packetIn(OFFactory f, byte[] data) {
        var b =
                f.buildPacketIn()
                        .setXid(0)
                        .setBufferId(OFBufferId.NO_BUFFER)
                        .setTotalLen(data.length)
                        .setReason(OFPacketInReason.NO_MATCH)
                        .setData(data);
        if (f.getVersion() == OFVersion.OF_10) {
            b.setInPort(OFPort.of(3));
        } else {
            b.setTableId(TableId.ZERO)
                    .setCookie(U64.of(0x1234))
                    .setMatch(
                            f.buildMatch()
                                    .setExact(MatchField.IN_PORT, OFPort.of(3))
                                    .setExact(
                                            MatchField.METADATA,
                                            org.projectfloodlight.openflow.types.OFMetadata.of(
                                                    U64.of(7)))
                                    .build());
        }
        return b.build();
    }

    private static ByteBuf bytes(OFMessage m) {
        ByteBuf b = Unpooled.buffer();
        m.writeTo(b);
        return b;
    }

    private static boolean discoveryOrArp(OFMessage m) {
        ByteBuf b = bytes(m);
        return PacketInAdmission.isDiscoveryOrArp(b, 0, b.readableBytes());
    }

    @Test
    void findsLldpAndArpInBothVersionsAndBehindVlanTags() {
        for (OFFactory f : List.of(OF10, OF13)) {
            assertThat(discoveryOrArp(packetIn(f, frame(0x88cc))))
                    .as("%s lldp", f.getVersion())
                    .isTrue();
            assertThat(discoveryOrArp(packetIn(f, frame(0x0806)))).isTrue();
            assertThat(discoveryOrArp(packetIn(f, frame(0x0806, 0x8100)))).isTrue();
            assertThat(discoveryOrArp(packetIn(f, frame(0x0806, 0x88a8, 0x8100)))).isTrue();
            assertThat(discoveryOrArp(packetIn(f, frame(0x0800)))).isFalse();
            assertThat(discoveryOrArp(packetIn(f, frame(0x86dd, 0x8100)))).isFalse();
        }
    }

    @Test
    void aTruncatedOrLyingPacketInIsNotTakenForLldp() {
        ByteBuf b = bytes(packetIn(OF13, new byte[5]));
        assertThat(PacketInAdmission.isDiscoveryOrArp(b, 0, b.readableBytes())).isFalse();
        ByteBuf lying = bytes(packetIn(OF13, frame(0x88cc)));
        lying.setShort(26, 4000); // match length far past the frame
        assertThat(PacketInAdmission.isDiscoveryOrArp(lying, 0, lying.readableBytes())).isFalse();
        ByteBuf shortHeader =
                Unpooled.buffer().writeBytes(new byte[] {4, 10, 0, 12, 0, 0, 0, 0, 0, 0, 0, 0});
        assertThat(PacketInAdmission.isDiscoveryOrArp(shortHeader, 0, 12)).isFalse();
    }

    @Test
    void theDecoderDropsPacketInsOverTheBucketUnparsedButKeepsLldpFromTheReserve() {
        AtomicLong now = new AtomicLong();
        ChannelCounters counters = new ChannelCounters();
        PacketInAdmission admission =
                new PacketInAdmission(new PacketInLimits(1_000, 10, 100, 5), now::get, counters);
        EmbeddedChannel ch = new EmbeddedChannel(new OfMessageDecoder(admission, new ReadGate()));
        ch.freezeTime(); // the read pause's timer runs on the channel's clock, advanced below
        ByteBuf burst = Unpooled.buffer();
        for (int i = 0; i < 100; i++) {
            packetIn(OF13, frame(0x0800)).writeTo(burst);
        }
        for (int i = 0; i < 20; i++) {
            packetIn(OF13, frame(0x88cc)).writeTo(burst);
        }
        OF13.buildEchoRequest().setXid(9).build().writeTo(burst);
        ch.writeInbound(burst);
        List<Object> out = new ArrayList<>();
        for (Object o = ch.readInbound(); o != null; o = ch.readInbound()) {
            out.add(o);
        }
        long lldp =
                out.stream()
                        .filter(o -> o instanceof PacketIn pi && pi.data()[12] == (byte) 0x88)
                        .count();
        assertThat(out).hasSize(10 + 5 + 1); // the burst, the reserve, and the echo
        assertThat(lldp).isEqualTo(5);
        assertThat(counters.packetInsAdmitted.sum()).isEqualTo(15);
        assertThat(counters.packetInsDropped.sum()).isEqualTo(105);
        assertThat(ch.config().isAutoRead()).as("reading pauses after drops").isFalse();
        ch.advanceTimeBy(
                ReadGate.ADMISSION_PAUSE_NANOS - 1, java.util.concurrent.TimeUnit.NANOSECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.config().isAutoRead())
                .as("still paused just before the pause ends")
                .isFalse();
        ch.advanceTimeBy(1, java.util.concurrent.TimeUnit.NANOSECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.config().isAutoRead()).as("and resumes after the pause").isTrue();

        now.addAndGet(20_000_000); // 20 ms: 20 more tokens, 2 more reserved
        ByteBuf later = Unpooled.buffer();
        for (int i = 0; i < 50; i++) {
            packetIn(OF10, frame(0x0806)).writeTo(later);
        }
        ch.writeInbound(later);
        int admitted = 0;
        for (Object o = ch.readInbound(); o != null; o = ch.readInbound()) {
            admitted++;
        }
        assertThat(admitted).isEqualTo(10 + 2); // capped at the burst, then the reserve's refill
        ch.finishAndReleaseAll();
    }
}
