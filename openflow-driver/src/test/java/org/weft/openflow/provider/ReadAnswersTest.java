package org.weft.openflow.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.weft.net.Dpid;
import org.weft.net.MacAddress;
import org.weft.net.PortNumber;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.packet.FastVerdict;
import org.weft.net.packet.OutboundPacket;
import org.weft.net.packet.PacketContext;
import org.weft.net.packet.PacketProcessor;
import org.weft.net.testing.Allocations;
import org.weft.openflow.channel.SwitchScript;

/**
 * The answers a read's packet-ins get go out in one write when the read ends; a message of another
 * kind written meanwhile goes after the answers made before it; outside a read an answer goes at
 * once.
 */
class ReadAnswersTest {

    private static final Dpid DPID = Dpid.of(0x2a);
    private static final int TYPE_PACKET_OUT = 13;
    private static final int TYPE_BARRIER_REQUEST_10 = 18;
    private static final int TYPE_BARRIER_REQUEST_13 = 20;

    private static final FlowRule RULE =
            FlowRule.builder(DPID)
                    .priority(1000)
                    .match(FlowMatch.ethDstOnly(MacAddress.of(7)))
                    .actions(FlowAction.output(2))
                    .build();

    private static final List<FlowAction> OUT = List.of(FlowAction.output(3));

    /**
     * Answers every packet-in with a packet-out; the one whose frame is all {@code batchAfter} also
     * gets a batch (with its barrier) after its answer; -1: none does.
     */
    private static PacketProcessor answering(PacketInBed bed, int batchAfter) {
        return new PacketProcessor() {
            @Override
            public FastVerdict processFast(PacketContext ctx) {
                bed.packets().emitReleasing(ctx, OUT);
                if (ctx.data()[0] == batchAfter) {
                    bed.flows().apply(DPID, List.of(FlowRuleOperation.add(RULE)));
                }
                return FastVerdict.HANDLED;
            }

            @Override
            public void process(PacketContext ctx) {
                throw new AssertionError("no full step");
            }
        };
    }

    private static int type(byte[] frame) {
        return frame[1];
    }

    @ParameterizedTest
    @EnumSource(
            value = OFVersion.class,
            names = {"OF_10", "OF_13"})
    void aReadsAnswersGoInOneWriteInTheOrderTheyWereMade(OFVersion v) {
        try (PacketInWorkers workers = new PacketInWorkers(1, 16);
                PacketInBed bed = PacketInBed.connect(v, workers)) {
            bed.packets().addProcessor(answering(bed, 4), 1);
            SwitchScript s = bed.script();
            s.sendBytes(PacketInBed.packetIns(OFFactories.getFactory(v), 12));
            List<List<byte[]>> writes = s.framesByWrite();
            int barrier = v == OFVersion.OF_10 ? TYPE_BARRIER_REQUEST_10 : TYPE_BARRIER_REQUEST_13;
            assertThat(writes).hasSize(3);
            assertThat(writes.get(0))
                    .as("the answers made before the batch")
                    .hasSize(5)
                    .allMatch(f -> type(f) == TYPE_PACKET_OUT);
            assertThat(writes.get(1)).extracting(ReadAnswersTest::type).endsWith(barrier);
            assertThat(writes.get(2))
                    .as("the rest, when the read ended")
                    .hasSize(7)
                    .allMatch(f -> type(f) == TYPE_PACKET_OUT);

            // Outside a read: at once, alone.
            bed.packets().emit(new OutboundPacket(DPID, PortNumber.CONTROLLER, OUT, new byte[60]));
            assertThat(s.framesByWrite()).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = OFVersion.class,
            names = {"OF_10", "OF_13"})
    void answeringAReadsPacketInsAllocatesNothingPerAnswer(OFVersion v) {
        try (PacketInWorkers workers = new PacketInWorkers(1, 16);
                PacketInBed bed = PacketInBed.connect(v, workers)) {
            bed.packets().addProcessor(answering(bed, -1), 1);
            SwitchScript s = bed.script();
            ByteBuf burst = PacketInBed.packetIns(OFFactories.getFactory(v), 64);
            int[] answers = {0};
            long perBurst =
                    Allocations.bytesPerCall(
                            300,
                            i -> {
                                burst.readerIndex(0).retain();
                                s.sendBytes(burst);
                                answers[0] += s.releaseWrites();
                            });
            assertThat(answers[0]).isEqualTo(3 * 300 * 64);
            assertThat(perBurst / 64).as("bytes per answered packet-in").isLessThan(8);
            burst.release();
        }
    }
}
