package org.weft.openflow.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;

class SentMessageTallyTest {

    private final SentMessages perSwitch = new SentMessages();
    private final SentMessages total = new SentMessages();
    private final EmbeddedChannel channel =
            new EmbeddedChannel(new SentMessageTally(perSwitch, total), OfMessageEncoder.INSTANCE);

    private static List<OFMessage> batch(OFFactory f) {
        return List.of(
                f.buildFlowAdd().setXid(1).build(),
                f.buildFlowDelete().setXid(2).build(),
                f.buildPacketOut()
                        .setXid(3)
                        .setInPort(OFPort.CONTROLLER)
                        .setData(new byte[60])
                        .build(),
                f.buildBarrierRequest().setXid(4).build());
    }

    @Test
    void countsEveryMessageOfABatchByType() {
        OFFactory f = OFFactories.getFactory(OFVersion.OF_13);
        channel.writeOutbound(batch(f));
        channel.writeOutbound(
                f.buildGroupAdd()
                        .setXid(5)
                        .setGroup(OFGroup.of(1))
                        .setGroupType(OFGroupType.SELECT)
                        .build());

        assertThat(perSwitch.flowMods()).isEqualTo(2);
        assertThat(perSwitch.packetOuts()).isEqualTo(1);
        assertThat(perSwitch.groupMods()).isEqualTo(1);
        assertThat(total.flowMods()).isEqualTo(2);
        ByteBuf written = channel.readOutbound();
        assertThat(written.readableBytes()).as("the bytes pass unchanged").isPositive();
        written.release();
    }

    /** A flow-mod re-asserted from cached bytes never meets the encoder; it counts all the same. */
    @Test
    void countsMessagesWrittenAsBytes() {
        OFFactory f = OFFactories.getFactory(OFVersion.OF_10);
        ByteBuf cached = Unpooled.buffer();
        batch(f).forEach(m -> m.writeTo(cached));

        channel.writeOutbound(cached.retainedDuplicate());
        channel.writeOutbound(cached.retainedDuplicate());

        assertThat(perSwitch.flowMods()).isEqualTo(4);
        assertThat(perSwitch.packetOuts()).isEqualTo(2);
        assertThat(total.packetOuts()).isEqualTo(2);
        assertThat(cached.readerIndex()).isZero();
        cached.release();
    }

    @Test
    void stopsAtALengthNoMessageHas() {
        ByteBuf bogus = Unpooled.buffer();
        bogus.writeBytes(new byte[] {4, SentMessages.FLOW_MOD, 0, 0, 0, 0, 0, 1});
        bogus.writeBytes(new byte[] {4, SentMessages.FLOW_MOD, 0, 8, 0, 0, 0, 2});

        channel.writeOutbound(bogus);

        assertThat(perSwitch.flowMods()).isZero();
    }
}
