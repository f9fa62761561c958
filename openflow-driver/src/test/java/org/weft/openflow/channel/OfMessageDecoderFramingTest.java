package org.weft.openflow.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFBadRequestCode;
import org.projectfloodlight.openflow.protocol.OFEchoRequest;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.errormsg.OFBadRequestErrorMsg;
import org.weft.openflow.OfConfig;
import org.weft.openflow.OfLimits;

/** Framing of the controller channel's decoder, alone and in front of the channel's handler. */
class OfMessageDecoderFramingTest {

    private static final OFFactory OF13 = OFFactories.getFactory(OFVersion.OF_13);

    private final EmbeddedChannel ch =
            new EmbeddedChannel(
                    new OfMessageDecoder(
                            new PacketInAdmission(
                                    OfLimits.PacketInLimits.defaults(),
                                    () -> 0L,
                                    new ChannelCounters()),
                            new ReadGate()));

    @AfterEach
    void release() {
        ch.finishAndReleaseAll();
    }

    private static byte[] bytes(OFMessage... ms) {
        ByteBuf buf = Unpooled.buffer();
        for (OFMessage m : ms) {
            m.writeTo(buf);
        }
        return ByteBufUtil.getBytes(buf);
    }

    private List<Object> decoded() {
        List<Object> out = new ArrayList<>();
        for (Object o = ch.readInbound(); o != null; o = ch.readInbound()) {
            out.add(o);
        }
        return out;
    }

    private static OFMessage echo(long xid, int dataLength) {
        return OF13.buildEchoRequest().setXid(xid).setData(new byte[dataLength]).build();
    }

    @Test
    void aFrameFedByteByByteComesOutOnceComplete() {
        byte[] frame = bytes(echo(7, 20));
        for (int i = 0; i < frame.length - 1; i++) {
            ch.writeInbound(Unpooled.wrappedBuffer(frame, i, 1));
            assertThat(decoded()).as("after %d of %d bytes", i + 1, frame.length).isEmpty();
        }
        ch.writeInbound(Unpooled.wrappedBuffer(frame, frame.length - 1, 1));
        assertThat(decoded())
                .singleElement()
                .isInstanceOfSatisfying(
                        OFEchoRequest.class, e -> assertThat(e.getData()).hasSize(20));
    }

    @Test
    void severalMessagesInOneBufferComeOutInOrderAndAPartialOneWaits() {
        byte[] all =
                bytes(
                        echo(1, 0),
                        OF13.buildBarrierReply().setXid(2).build(),
                        echo(3, 5),
                        echo(4, 9));
        int lastLength = bytes(echo(4, 9)).length;
        ch.writeInbound(Unpooled.wrappedBuffer(all, 0, all.length - 3));
        assertThat(decoded()).extracting(m -> ((OFMessage) m).getXid()).containsExactly(1L, 2L, 3L);
        ch.writeInbound(Unpooled.wrappedBuffer(all, all.length - 3, 3));
        assertThat(decoded())
                .singleElement()
                .satisfies(m -> assertThat(((OFMessage) m).getXid()).isEqualTo(4));
        assertThat(lastLength).isEqualTo(17);
    }

    @Test
    void aLengthBelowTheHeaderSizeBreaksFramingAndDropsWhatIsBuffered() {
        ByteBuf in = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump("0402000400000009aabbccdd"));
        assertThatThrownBy(() -> ch.writeInbound(in))
                .isInstanceOf(CorruptedFrameException.class)
                .hasMessageContaining("length 4 < 8");
        assertThat(decoded()).isEmpty();
        // What followed the lying header was skipped, not read as a frame of its own.
        ch.writeInbound(Unpooled.wrappedBuffer(bytes(echo(5, 0))));
        assertThat(decoded()).singleElement().isInstanceOf(OFEchoRequest.class);
    }

    /**
     * There is no frame limit of the driver's own: the 16-bit length field bounds a frame at 65,535
     * bytes, which is the most the decoder holds for one switch while it waits for the rest.
     */
    @Test
    void aLengthLargerThanWhatArrivedWaitsUpToTheLargestFrameTheHeaderAllows() {
        byte[] big = bytes(echo(6, 0xffff - 8));
        assertThat(big).hasSize(0xffff);
        ch.writeInbound(Unpooled.wrappedBuffer(big, 0, 1000));
        assertThat(decoded()).isEmpty();
        assertThat(ch.isOpen()).isTrue();
        ch.writeInbound(Unpooled.wrappedBuffer(big, 1000, big.length - 1000));
        assertThat(decoded())
                .singleElement()
                .isInstanceOfSatisfying(
                        OFEchoRequest.class, e -> assertThat(e.getData()).hasSize(0xffff - 8));
    }

    @Test
    void aFrameLoxiCannotParseBecomesAMalformedMessageAndFramingGoesOn() {
        byte[] unknownVersion = ByteBufUtil.decodeHexDump("0702000800000021");
        byte[] unknownType = ByteBufUtil.decodeHexDump("0463000800000022");
        byte[] next = bytes(echo(0x23, 0));
        ByteBuf in = Unpooled.buffer();
        in.writeBytes(unknownVersion).writeBytes(unknownType).writeBytes(next);
        ch.writeInbound(in);
        List<Object> out = decoded();
        assertThat(out).hasSize(3);
        assertThat(out.get(0))
                .isInstanceOfSatisfying(
                        MalformedMessage.class,
                        m -> {
                            assertThat(m.version()).isEqualTo(7);
                            assertThat(m.xid()).isEqualTo(0x21);
                            assertThat(m.frame()).isEqualTo(unknownVersion);
                        });
        assertThat(out.get(1))
                .isInstanceOfSatisfying(
                        MalformedMessage.class, m -> assertThat(m.type()).isEqualTo(0x63));
        assertThat(out.get(2)).isInstanceOf(OFEchoRequest.class);
    }

    /** Behind the decoder, the handler closes the channel of a switch whose framing broke. */
    @Test
    void aSwitchWhoseFramingBreaksIsDisconnected() {
        try (SwitchScript s = SwitchScript.connect(OfConfig.defaults())) {
            s.handshake(OFVersion.OF_13, 0x2a, 1);
            assertThat(s.isActive()).isTrue();
            s.sendHex("0402000000000009");
            assertThat(s.isOpen()).isFalse();
        }
    }

    /**
     * An active switch's undecodable frame is counted and answered with BAD_REQUEST (BAD_VERSION
     * for an unknown version, BAD_TYPE for an unknown type); the channel stays open.
     */
    @Test
    void anActiveSwitchsUndecodableFramesAreCountedAndAnswered() {
        try (SwitchScript s = SwitchScript.connect(OfConfig.defaults())) {
            s.handshake(OFVersion.OF_13, 0x2a, 1);
            s.frames();
            s.sendHex("0702000800000021");
            s.sendHex("0463000800000022");
            List<OFMessage> replies = s.messages();
            assertThat(replies).hasSize(2).allMatch(m -> m instanceof OFBadRequestErrorMsg);
            assertThat(((OFBadRequestErrorMsg) replies.get(0)).getCode())
                    .isEqualTo(OFBadRequestCode.BAD_VERSION);
            assertThat(replies.get(0).getXid()).isEqualTo(0x21);
            assertThat(((OFBadRequestErrorMsg) replies.get(1)).getCode())
                    .isEqualTo(OFBadRequestCode.BAD_TYPE);
            assertThat(s.malformedCount()).isEqualTo(2);
            assertThat(s.isOpen()).isTrue();
        }
    }

    /** Before its HELLO, a peer sending garbage is not an OpenFlow switch: closed, counted. */
    @Test
    void anUndecodableFrameBeforeHelloClosesTheChannel() {
        try (SwitchScript s = SwitchScript.connect(OfConfig.defaults())) {
            s.sendHex("0763000800000001");
            assertThat(s.malformedCount()).isEqualTo(1);
            assertThat(s.isOpen()).isFalse();
        }
    }
}
