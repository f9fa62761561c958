package org.weft.openflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.weft.net.MacAddress;
import org.weft.net.PortNumber;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.packet.InboundPacket;
import org.weft.net.packet.OutboundPacket;
import org.weft.net.packet.PacketProcessor;
import org.weft.openflow.emulator.EmulatedSwitch;
import org.weft.openflow.emulator.ReleasedPacket;

/**
 * A packet-in's buffer id reaches the processors, and a flow-mod or a packet-out naming it releases
 * the switch's buffer: the emulated switch sends the packet on by the new rule, or by the
 * packet-out's actions.
 */
class BufferedPacketIT {

    private static final MacAddress DST = MacAddress.of(0x0a0000000002L);

    private static byte[] frame() {
        byte[] f = new byte[60];
        System.arraycopy(DST.toBytes(), 0, f, 0, 6);
        f[6] = 0x0a;
        f[11] = 1;
        f[12] = 0x08; // IPv4
        return f;
    }

    @ParameterizedTest
    @EnumSource(
            value = OFVersion.class,
            names = {"OF_10", "OF_13"})
    void aFlowModNamingTheBufferReleasesTheBufferedPacket(OFVersion v) throws Exception {
        try (DriverTestBed bed = new DriverTestBed()) {
            BlockingQueue<InboundPacket> seen = new LinkedBlockingQueue<>();
            bed.controller
                    .packetService()
                    .addProcessor(ctx -> seen.add(ctx.inPacket()), PacketProcessor.DIRECTOR);
            EmulatedSwitch sw = bed.connect(0x7, v);

            int id = sw.sendBufferedPacketIn(PortNumber.of(1), frame());

            InboundPacket in = seen.poll(5, TimeUnit.SECONDS);
            assertThat(in).isNotNull();
            assertThat(in.bufferId()).hasValue(id);
            FlowRule rule =
                    FlowRule.builder(sw.dpid())
                            .priority(1000)
                            .match(FlowMatch.builder().ethDst(DST).build())
                            .actions(List.of(FlowAction.output(3)))
                            .build();
            assertThat(
                            bed.controller
                                    .flowRuleService()
                                    .send(
                                            sw.dpid(),
                                            List.of(
                                                    FlowRuleOperation.addReleasing(
                                                            rule, in.bufferId()))))
                    .isTrue();

            DriverTestBed.waitUntil(() -> !sw.releasedPackets().isEmpty(), Duration.ofSeconds(5));
            assertThat(sw.releasedPackets())
                    .containsExactly(
                            new ReleasedPacket(
                                    id,
                                    ReleasedPacket.By.FLOW_MOD,
                                    PortNumber.of(1),
                                    java.util.Set.of(PortNumber.of(3))));
            assertThat(sw.bufferedPackets()).isZero();
            assertThat(sw.wire().received(OFFlowMod.class))
                    .filteredOn(m -> !m.getBufferId().equals(OFBufferId.NO_BUFFER))
                    .singleElement()
                    .satisfies(m -> assertThat(m.getBufferId()).isEqualTo(OFBufferId.of(id)));
            assertThat(sw.counters().packetOuts.sum()).as("no packet-out").isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = OFVersion.class,
            names = {"OF_10", "OF_13"})
    void aPacketOutNamingTheBufferSendsTheBufferedPacketWithoutItsData(OFVersion v)
            throws Exception {
        try (DriverTestBed bed = new DriverTestBed()) {
            BlockingQueue<InboundPacket> seen = new LinkedBlockingQueue<>();
            bed.controller
                    .packetService()
                    .addProcessor(ctx -> seen.add(ctx.inPacket()), PacketProcessor.DIRECTOR);
            EmulatedSwitch sw = bed.connect(0x8, v);
            BlockingQueue<byte[]> sent = new LinkedBlockingQueue<>();
            sw.onPacketOut((s, inPort, actions, data) -> sent.add(data));

            int id = sw.sendBufferedPacketIn(PortNumber.of(2), frame());
            InboundPacket in = seen.poll(5, TimeUnit.SECONDS);
            assertThat(in).isNotNull();
            bed.controller
                    .packetService()
                    .emit(
                            OutboundPacket.releasing(
                                    sw.dpid(),
                                    PortNumber.of(2),
                                    List.of(FlowAction.output(4)),
                                    in));

            assertThat(sent.poll(5, TimeUnit.SECONDS)).as("the buffered frame").isEqualTo(frame());
            assertThat(sw.wire().received(OFPacketOut.class).get(0).getData())
                    .as("no data on the wire")
                    .isEmpty();
            assertThat(sw.releasedPackets())
                    .containsExactly(
                            new ReleasedPacket(
                                    id,
                                    ReleasedPacket.By.PACKET_OUT,
                                    PortNumber.of(2),
                                    java.util.Set.of(PortNumber.of(4))));
        }
    }
}
