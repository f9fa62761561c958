package org.weft.openflow.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFMetadata;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;
import org.weft.net.PortNumber;

/**
 * Packet-ins read from their bytes: golden OF1.0 and OF1.3 frames, frames with short or lying
 * lengths, and, over many built and mutated frames, the same fields as Loxi reads whenever the
 * reader takes a frame (and Loxi's verdict whenever it leaves one).
 */
class PacketInReaderTest {

    private static final OFFactory OF10 = OFFactories.getFactory(OFVersion.OF_10);
    private static final OFFactory OF13 = OFFactories.getFactory(OFVersion.OF_13);

    private static ByteBuf hex(String s) {
        return Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(s.replace(" ", "")));
    }

    private static PacketIn read(ByteBuf b) {
        return PacketInReader.read(b, b.readerIndex(), b.getUnsignedShort(b.readerIndex() + 2));
    }

    private static Object decode(ByteBuf b) {
        return new OfMessageDecoder.OfMessageReader()
                .read(b, b.readerIndex(), b.getUnsignedShort(b.readerIndex() + 2));
    }

    // OF1.0: header, buffer_id, total_len, in_port 3, reason ACTION, pad, then a 4-byte frame.
    private static final String OF10_GOLDEN =
            "01 0a 0016 00000102 fffffff0 0004 0003 01 00 deadbeef";

    // OF1.3: header, buffer_id NO_BUFFER, total_len, reason NO_MATCH, table 0, cookie, a match of
    // IN_PORT 7 (12 bytes, padded to 16), pad, then a 4-byte frame.
    private static final String OF13_GOLDEN =
            "04 0a 002e 00000203 ffffffff 0004 00 00 0000000000001234"
                    + " 0001 000c 80000004 00000007 00000000"
                    + " 0000 cafef00d";

    @Test
    void readsAGoldenOf10PacketIn() {
        PacketIn pi = read(hex(OF10_GOLDEN));

        assertThat(pi).isNotNull();
        assertThat(pi.version()).isEqualTo(OFVersion.OF_10);
        assertThat(pi.xid()).isEqualTo(0x102);
        assertThat(pi.bufferId()).isEqualTo(0xfffffff0);
        assertThat(pi.inPort()).isEqualTo(PortNumber.of(3));
        assertThat(pi.data()).containsExactly(0xde, 0xad, 0xbe, 0xef);
    }

    @Test
    void readsAGoldenOf13PacketIn() {
        PacketIn pi = read(hex(OF13_GOLDEN));

        assertThat(pi).isNotNull();
        assertThat(pi.version()).isEqualTo(OFVersion.OF_13);
        assertThat(pi.xid()).isEqualTo(0x203);
        assertThat(pi.bufferId()).isEqualTo(0xffffffff);
        assertThat(pi.inPort()).isEqualTo(PortNumber.of(7));
        assertThat(pi.data()).containsExactly(0xca, 0xfe, 0xf0, 0x0d);
    }

    @Test
    void anOf10ReservedPortIsWidenedToThirtyTwoBits() {
        PacketIn pi = read(hex("01 0a 0016 00000001 ffffffff 0004 fffe 00 00 00000000"));
        assertThat(pi.inPort()).isEqualTo(PortNumber.LOCAL);
    }

    @Test
    void anOf13MatchWithoutInPortReadsWithoutAPort() {
        PacketIn pi =
                read(
                        hex(
                                "04 0a 0026 00000001 ffffffff 0000 00 00 0000000000000000 0001 0004 00000000 0000 00000000"));
        assertThat(pi).isNotNull();
        assertThat(pi.inPort()).isNull();
        assertThat(pi.data()).hasSize(4);
    }

    @Test
    void shortAndLyingLengthsAreLeftToLoxiWhichRejectsThem() {
        List<String> bad =
                List.of(
                        // OF1.0 shorter than its fixed part
                        "01 0a 0010 00000001 ffffffff 0000 0000",
                        // OF1.3 shorter than its fixed part and an empty match
                        "04 0a 0020 00000001 ffffffff 0000 00 00 0000000000000000 0001 0004 00000000",
                        // a match longer than the message
                        "04 0a 0026 00000001 ffffffff 0000 00 00 0000000000000000 0001 0040 00000000 0000 00000000",
                        // an OXM running past its match
                        "04 0a 0026 00000001 ffffffff 0000 00 00 0000000000000000 0001 0008 80000004 0000 00000000",
                        // a match that is not an OXM match
                        "04 0a 0026 00000001 ffffffff 0000 00 00 0000000000000000 0000 0004 00000000 0000 00000000",
                        // a match length below its own header
                        "04 0a 0026 00000001 ffffffff 0000 00 00 0000000000000000 0001 0002 00000000 0000 00000000");
        for (String h : bad) {
            assertThat(read(hex(h))).as(h).isNull();
            assertThat(decode(hex(h))).as(h).isInstanceOf(MalformedMessage.class);
        }
    }

    @Test
    void unknownReasonsAndReservedPortsAreLeftToLoxi() {
        // reason 9
        assertThat(read(hex("01 0a 0016 00000001 ffffffff 0004 0003 09 00 00000000"))).isNull();
        // OF1.0 port 0xff01: no reserved port has that number
        ByteBuf unknown10 = hex("01 0a 0016 00000001 ffffffff 0004 ff01 00 00 00000000");
        assertThat(read(unknown10)).isNull();
        assertThat(decode(unknown10)).isInstanceOf(MalformedMessage.class);
        // OF1.3 IN_PORT 0xffffff01
        ByteBuf unknown13 =
                hex(
                        "04 0a 002e 00000001 ffffffff 0004 00 00 0000000000000000"
                                + " 0001 000c 80000004 ffffff01 00000000 0000 00000000");
        assertThat(read(unknown13)).isNull();
        assertThat(decode(unknown13)).isInstanceOf(MalformedMessage.class);
    }

    @Test
    void aMatchWithOtherFieldsIsReadByLoxiWithItsInPort() {
        Match m =
                OF13.buildMatch()
                        .setExact(MatchField.IN_PORT, OFPort.of(9))
                        .setExact(MatchField.ETH_TYPE, EthType.IPv4)
                        .build();
        ByteBuf b = bytes(packetIn13(m, OFBufferId.NO_BUFFER, new byte[60]));

        assertThat(read(b)).as("the reader leaves it").isNull();
        assertThat(decode(b))
                .isInstanceOfSatisfying(
                        PacketIn.class, pi -> assertThat(pi.inPort()).isEqualTo(PortNumber.of(9)));
    }

    @Test
    void readsTheFieldsLoxiReadsFromBuiltPacketIns() {
        long[] ports = {0, 1, 30, 48, 1023, 1024, 65_535, 0xffffff00L, 0xfffffff8L, 0xfffffffeL};
        int[] buffers = {OFBufferId.NO_BUFFER.getInt(), 0, 7, 0xfffffff0};
        for (long port : ports) {
            for (int buffer : buffers) {
                byte[] data = new byte[(int) (port % 97)];
                new Random(port).nextBytes(data);
                Match m13 =
                        OF13.buildMatch()
                                .setExact(MatchField.IN_PORT, OFPort.of((int) port))
                                .setExact(MatchField.METADATA, OFMetadata.ofRaw(port))
                                .build();
                assertSameAsLoxi(bytes(packetIn13(m13, OFBufferId.of(buffer), data)), true);
                if (port < 0xff00 || port >= 0xfffffff8L) {
                    assertSameAsLoxi(
                            bytes(packetIn10(OFPort.of((int) port), OFBufferId.of(buffer), data)),
                            true);
                }
            }
        }
    }

    @Test
    void mutatedPacketInsReadAsLoxiReadsThemOrAreLeftToIt() {
        Random rnd = new Random(14);
        List<ByteBuf> seeds =
                List.of(
                        hex(OF10_GOLDEN),
                        hex(OF13_GOLDEN),
                        bytes(
                                packetIn13(
                                        OF13.buildMatch()
                                                .setExact(MatchField.IN_PORT, OFPort.of(2))
                                                .setExact(MatchField.IN_PHY_PORT, OFPort.of(2))
                                                .setExact(MatchField.TUNNEL_ID, U64.of(5))
                                                .build(),
                                        OFBufferId.of(3),
                                        new byte[20])));
        int taken = 0;
        for (int i = 0; i < 20_000; i++) {
            ByteBuf seed = seeds.get(i % seeds.size());
            byte[] b = ByteBufUtil.getBytes(seed);
            int flips = 1 + rnd.nextInt(3);
            for (int k = 0; k < flips; k++) {
                int at = 2 + rnd.nextInt(b.length - 2); // version and type stay
                b[at] = rnd.nextInt(4) == 0 ? (byte) rnd.nextInt(256) : (byte) (b[at] ^ 1);
            }
            int length = Math.min((b[2] & 0xff) << 8 | (b[3] & 0xff), b.length);
            if (length < 8) {
                continue;
            }
            b[2] = (byte) (length >> 8);
            b[3] = (byte) length;
            if (assertSameAsLoxi(Unpooled.wrappedBuffer(b, 0, length), false)) {
                taken++;
            }
        }
        assertThat(taken).as("mutations the reader took").isGreaterThan(1_000);
    }

    /**
     * Whether the reader took the frame; when it did, Loxi reads it too, with the same fields.
     * {@code mustTake}: the reader must take it.
     */
    private static boolean assertSameAsLoxi(ByteBuf frame, boolean mustTake) {
        String what = ByteBufUtil.hexDump(frame);
        PacketIn raw = read(frame);
        if (mustTake) {
            assertThat(raw).as(what).isNotNull();
        }
        Object loxi = new OfMessageDecoder.OfMessageReader().read(frame.duplicate());
        if (raw == null) {
            return false;
        }
        assertThat(loxi).as(what).isInstanceOf(PacketIn.class);
        PacketIn l = (PacketIn) loxi;
        assertThat(raw.version()).as(what).isEqualTo(l.version());
        assertThat(raw.xid()).as(what).isEqualTo(l.xid());
        assertThat(raw.bufferId()).as(what).isEqualTo(l.bufferId());
        assertThat(raw.inPort()).as(what).isEqualTo(l.inPort());
        assertThat(raw.data()).as(what).isEqualTo(l.data());
        return true;
    }

    private static OFPacketIn packetIn13(Match m, OFBufferId buffer, byte[] data) {
        return OF13.buildPacketIn()
                .setXid(77)
                .setBufferId(buffer)
                .setTotalLen(data.length)
                .setReason(OFPacketInReason.ACTION)
                .setTableId(TableId.of(3))
                .setCookie(U64.of(0xabcdef))
                .setMatch(m)
                .setData(data)
                .build();
    }

    private static OFPacketIn packetIn10(OFPort in, OFBufferId buffer, byte[] data) {
        return OF10.buildPacketIn()
                .setXid(78)
                .setBufferId(buffer)
                .setTotalLen(data.length)
                .setInPort(in)
                .setReason(OFPacketInReason.NO_MATCH)
                .setData(data)
                .build();
    }

    private static ByteBuf bytes(OFPacketIn pi) {
        ByteBuf b = Unpooled.buffer();
        pi.writeTo(b);
        return b;
    }
}
