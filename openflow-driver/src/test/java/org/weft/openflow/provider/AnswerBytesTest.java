package org.weft.openflow.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.weft.net.Dpid;
import org.weft.net.Ip4Prefix;
import org.weft.net.MacAddress;
import org.weft.net.PortNumber;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.packet.OutboundPacket;
import org.weft.net.testing.Allocations;
import org.weft.openflow.translate.OfActions;
import org.weft.openflow.translate.OfFlowMods;
import org.weft.openflow.translate.OfPackets;
import org.weft.openflow.translate.OfPorts;

/**
 * The packet-in answers Weft encodes itself ({@link FlowModCache}, {@link PacketOutWriter}) are
 * byte for byte what Loxi writes for the same message, in both versions, from the cache and not.
 */
class AnswerBytesTest {

    private static final Dpid DPID = Dpid.of(0x2a);

    static Stream<Arguments> versionsAndPolicy() {
        return Stream.of(
                Arguments.of(OFVersion.OF_10, false),
                Arguments.of(OFVersion.OF_13, false),
                Arguments.of(OFVersion.OF_13, true));
    }

    private static FlowRule routeRule() {
        return FlowRule.builder(DPID)
                .priority(1000)
                .match(FlowMatch.ethDstOnly(MacAddress.of(0x0a0000000007L)))
                .actions(FlowAction.output(3))
                .idleTimeout(300)
                .cookie(0x5700000000000001L)
                .build();
    }

    private static FlowRule ipRule() {
        return FlowRule.builder(DPID)
                .priority(2000)
                .match(
                        FlowMatch.builder()
                                .inPort(PortNumber.of(2))
                                .ethType(FlowMatch.ETH_TYPE_IPV4)
                                .ipv4Dst(Ip4Prefix.parse("10.0.0.0/8"))
                                .build())
                .actions(FlowAction.output(1), FlowAction.output(4))
                .build();
    }

    private static byte[] loxi(OFFactory f, boolean policy, FlowRuleOperation op, long xid) {
        ByteBuf b = Unpooled.buffer();
        OfFlowMods.toFlowMod(f, policy, op, xid).writeTo(b);
        return ByteBufUtil.getBytes(b);
    }

    private static byte[] cached(
            FlowModCache cache, OFFactory f, boolean policy, FlowRuleOperation op, long xid) {
        ByteBuf b = Unpooled.buffer();
        cache.write(b, f, policy, op, xid);
        return ByteBufUtil.getBytes(b);
    }

    @ParameterizedTest
    @MethodSource("versionsAndPolicy")
    void reassertedFlowModsAreLoxisBytesWithTheirOwnXidAndBuffer(OFVersion v, boolean policy) {
        OFFactory f = OFFactories.getFactory(v);
        FlowModCache cache = new FlowModCache();
        for (FlowRule rule : List.of(routeRule(), ipRule())) {
            FlowRuleOperation plain = FlowRuleOperation.add(rule);
            FlowRuleOperation releasing =
                    FlowRuleOperation.addReleasing(rule, OptionalInt.of(0x1234_5678));
            // First write fills the cache, the next ones read it: all equal Loxi's.
            assertThat(cached(cache, f, policy, plain, 7)).isEqualTo(loxi(f, policy, plain, 7));
            assertThat(cached(cache, f, policy, releasing, 8))
                    .isEqualTo(loxi(f, policy, releasing, 8));
            assertThat(cached(cache, f, policy, plain, 0xfffffff0L))
                    .isEqualTo(loxi(f, policy, plain, 0xfffffff0L));
            FlowRuleOperation remove = FlowRuleOperation.remove(rule);
            assertThat(cached(cache, f, policy, remove, 9)).isEqualTo(loxi(f, policy, remove, 9));
        }
    }

    @ParameterizedTest
    @MethodSource("versionsAndPolicy")
    void aRuleCachedForOneSwitchKindIsTranslatedAfreshForAnother(OFVersion v, boolean policy) {
        FlowModCache cache = new FlowModCache();
        FlowRuleOperation op = FlowRuleOperation.add(routeRule());
        OFFactory other = OFFactories.getFactory(v == OFVersion.OF_10 ? OFVersion.OF_13 : v);
        cached(cache, other, !policy && v != OFVersion.OF_10, op, 1);
        OFFactory f = OFFactories.getFactory(v);
        assertThat(cached(cache, f, policy, op, 2)).isEqualTo(loxi(f, policy, op, 2));
    }

    static Stream<Arguments> packetOuts() {
        byte[] frame = new byte[60];
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (byte) i;
        }
        List<FlowAction> one = List.of(FlowAction.output(5));
        List<FlowAction> two = List.of(FlowAction.output(1), FlowAction.output(2));
        return Stream.of(OFVersion.OF_10, OFVersion.OF_13)
                .flatMap(
                        v ->
                                Stream.of(
                                        Arguments.of(
                                                v,
                                                new OutboundPacket(
                                                        DPID, PortNumber.of(3), one, frame)),
                                        Arguments.of(
                                                v,
                                                new OutboundPacket(
                                                        DPID, PortNumber.CONTROLLER, two, frame)),
                                        Arguments.of(
                                                v,
                                                new OutboundPacket(
                                                        DPID,
                                                        PortNumber.of(7),
                                                        one,
                                                        frame,
                                                        OptionalInt.of(99)))));
    }

    @ParameterizedTest
    @MethodSource("packetOuts")
    void packetOutsAreLoxisBytes(OFVersion v, OutboundPacket p) {
        OFFactory f = OFFactories.getFactory(v);
        ByteBuf expected = Unpooled.buffer();
        f.buildPacketOut()
                .setXid(77)
                .setBufferId(OfPackets.toOf(p.bufferId()))
                .setInPort(OfPorts.toOf(p.inPort()))
                .setActions(OfActions.toOf(f, p.actions()))
                .setData(p.bufferId().isPresent() ? new byte[0] : p.data())
                .build()
                .writeTo(expected);
        PacketOutWriter writer = new PacketOutWriter();
        for (int round = 0; round < 2; round++) {
            ByteBuf out = Unpooled.buffer();
            writer.write(out, f, p, 77);
            assertThat(ByteBufUtil.getBytes(out))
                    .as("round %d", round)
                    .isEqualTo(ByteBufUtil.getBytes(expected));
        }
    }

    @ParameterizedTest
    @MethodSource("versionsAndPolicy")
    void aCachedAnswerIsWrittenWithoutAllocating(OFVersion v, boolean policy) {
        OFFactory f = OFFactories.getFactory(v);
        FlowModCache flowMods = new FlowModCache();
        PacketOutWriter packetOuts = new PacketOutWriter();
        FlowRuleOperation op = FlowRuleOperation.add(routeRule());
        List<FlowAction> actions = List.of(FlowAction.output(5));
        byte[] frame = new byte[60];
        ByteBuf out = Unpooled.buffer(1024);
        long perAnswer =
                Allocations.bytesPerCall(
                        20_000,
                        i -> {
                            out.clear();
                            flowMods.write(out, f, policy, op, i);
                            packetOuts.write(
                                    out,
                                    f,
                                    PortNumber.of(3),
                                    actions,
                                    frame,
                                    OptionalInt.empty(),
                                    i);
                        });
        assertThat(perAnswer).as("bytes per flow-mod and packet-out").isZero();
    }

    @ParameterizedTest
    @MethodSource("versionsAndPolicy")
    void aBufferReleasingFlowModIsLoxisBytesAndWrittenWithoutAllocating(
            OFVersion v, boolean policy) {
        OFFactory f = OFFactories.getFactory(v);
        FlowModCache cache = new FlowModCache();
        FlowRule rule = routeRule();
        ByteBuf out = Unpooled.buffer(1024);
        cache.write(out, f, policy, rule, true, 0x1234_5678, 8);
        assertThat(ByteBufUtil.getBytes(out))
                .isEqualTo(
                        loxi(
                                f,
                                policy,
                                FlowRuleOperation.addReleasing(rule, OptionalInt.of(0x1234_5678)),
                                8));
        long perAnswer =
                Allocations.bytesPerCall(
                        20_000,
                        i -> {
                            out.clear();
                            cache.write(out, f, policy, rule, true, i, i);
                        });
        assertThat(perAnswer).as("bytes per buffer-releasing flow-mod").isZero();
    }
}
