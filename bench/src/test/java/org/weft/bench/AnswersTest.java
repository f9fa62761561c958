package org.weft.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;

class AnswersTest {

    private static final OFFactory OF10 = OFFactories.getFactory(OFVersion.OF_10);
    private static final MacAddress DST = MacAddress.of("02:00:00:00:00:07");

    private static OFMessage flowMod(OFBufferId buffer) {
        return OF10.buildFlowAdd()
                .setBufferId(buffer)
                .setMatch(OF10.buildMatch().setExact(MatchField.ETH_DST, DST).build())
                .build();
    }

    private static OFMessage packetOut(byte[] frame) {
        return OF10.buildPacketOut()
                .setBufferId(OFBufferId.NO_BUFFER)
                .setInPort(OFPort.CONTROLLER)
                .setActions(List.of(OF10.actions().output(OFPort.of(2), 0)))
                .setData(frame)
                .build();
    }

    private static byte[] frame(MacAddress dst, int ethType) {
        byte[] f = new byte[60];
        System.arraycopy(dst.getBytes(), 0, f, 0, 6);
        f[12] = (byte) (ethType >> 8);
        f[13] = (byte) ethType;
        return f;
    }

    /** Answers in a sequence of messages, counted as the generator counts them. */
    private static long answers(OFMessage... msgs) {
        long n = 0;
        for (OFMessage m : msgs) {
            if (Answers.kind(m) == Answers.Kind.ANSWER) {
                n++;
            }
        }
        return n;
    }

    @Test
    void aFlowModWithABufferIdIsOneAnswer() {
        assertThat(answers(flowMod(OFBufferId.of(42)))).isEqualTo(1);
    }

    @Test
    void aFlowModAndPacketOutPairIsOneAnswer() {
        OFMessage fm = flowMod(OFBufferId.NO_BUFFER);
        assertThat(Answers.kind(fm)).isEqualTo(Answers.Kind.PAIR_HALF);
        assertThat(answers(fm, packetOut(frame(DST, 0x0800)))).isEqualTo(1);
    }

    @Test
    void aPacketOutAloneIsOneAnswer() {
        assertThat(answers(packetOut(frame(DST, 0x0800)))).isEqualTo(1);
    }

    @Test
    void aFlowModWithoutBufferIdAloneAnswersNothing() {
        assertThat(answers(flowMod(OFBufferId.NO_BUFFER))).isZero();
    }

    @Test
    void probesAndOtherMessagesAreNoAnswers() {
        assertThat(Answers.kind(packetOut(frame(DST, 0x88cc)))).isEqualTo(Answers.Kind.PROBE);
        assertThat(Answers.kind(packetOut(frame(DST, 0x8942)))).isEqualTo(Answers.Kind.PROBE);
        assertThat(Answers.kind(OF10.buildBarrierRequest().build())).isEqualTo(Answers.Kind.OTHER);
    }

    @Test
    void theStampIsReadFromAStampedBenchFrameSentBack() {
        HostFrames frames = HostFrames.forSwitch(0, 10, 4);
        assertThat(Answers.stamp(packetOut(frames.stamped(3, 0x0102030405L))))
                .isEqualTo(0x0102030405L);
        assertThat(Answers.stamp(packetOut(frames.frame(3)))).as("unstamped").isEqualTo(-1);
        assertThat(Answers.stamp(packetOut(frame(DST, 0x0800)))).as("not UDP").isEqualTo(-1);
        assertThat(Answers.stamp(flowMod(OFBufferId.of(1)))).as("no frame").isEqualTo(-1);
    }
}
