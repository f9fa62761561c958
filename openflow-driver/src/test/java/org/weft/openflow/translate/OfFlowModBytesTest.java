package org.weft.openflow.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.weft.net.Dpid;
import org.weft.net.MacAddress;
import org.weft.net.PortNumber;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;

/**
 * {@link OfFlowMods#writeFlowMod} writes the commonest rules (a destination MAC, perhaps an ingress
 * port; outputs, and groups on 1.3) without Loxi: every byte must be what Loxi writes for {@link
 * OfFlowMods#toFlowMod}'s message, in OpenFlow 1.0 and 1.3.
 */
class OfFlowModBytesTest {

    private static final Dpid DPID = Dpid.of(0x2a);

    private static List<FlowRuleOperation> operations(OFVersion v) {
        List<List<FlowAction>> actionLists =
                List.of(
                        List.of(FlowAction.output(3)),
                        List.of(),
                        List.of(
                                FlowAction.output(1),
                                FlowAction.output(PortNumber.CONTROLLER),
                                FlowAction.output(PortNumber.FLOOD)),
                        List.of(FlowAction.output(PortNumber.IN_PORT)),
                        List.of(FlowAction.output(v == OFVersion.OF_10 ? 0xff00 : 0xffffff00L)));
        if (v == OFVersion.OF_13) {
            actionLists = new ArrayList<>(actionLists);
            actionLists.add(List.of(FlowAction.group(7)));
            actionLists.add(List.of(FlowAction.group(0x7fff_fff0)));
            actionLists.add(List.of(FlowAction.output(4), FlowAction.group(1)));
        }
        List<FlowRuleOperation> ops = new ArrayList<>();
        long[] macs = {0x02a0_0012_3456L, 0xffff_ffff_ffffL, 1L, 0x8000_0000_0001L};
        // No ingress port, physical ones, and (OpenFlow 1.0, whose reserved ports are 16 bits)
        // the reserved LOCAL.
        List<PortNumber> inPorts = new ArrayList<>();
        inPorts.add(null);
        inPorts.add(PortNumber.of(1));
        inPorts.add(PortNumber.of(v == OFVersion.OF_10 ? 0xff00 : 0xffff_ff00L));
        if (v == OFVersion.OF_10) {
            inPorts.add(PortNumber.LOCAL);
        }
        int n = 0;
        for (List<FlowAction> actions : actionLists) {
            for (long mac : macs) {
                n++;
                PortNumber in = inPorts.get(n % inPorts.size());
                FlowRule r =
                        new FlowRule(
                                DPID,
                                v == OFVersion.OF_10 ? 0 : n % 3,
                                n * 4099 % 0x10000,
                                FlowMatch.builder().ethDst(MacAddress.of(mac)).inPort(in).build(),
                                actions,
                                n * 7 % 0x10000,
                                n % 2 == 0 ? 0xffff : 600,
                                0xfeed_0000_0000_0000L | n);
                ops.add(FlowRuleOperation.add(r));
                ops.add(FlowRuleOperation.addReleasing(r, OptionalInt.of(0x7000_0000 + n)));
                ops.add(new FlowRuleOperation(FlowRuleOperation.Type.MODIFY, r));
                ops.add(new FlowRuleOperation(FlowRuleOperation.Type.MODIFY, r, OptionalInt.of(n)));
                ops.add(FlowRuleOperation.remove(r));
            }
        }
        return ops;
    }

    private static byte[] bytes(ByteBuf b) {
        return ByteBufUtil.getBytes(b);
    }

    @ParameterizedTest
    @EnumSource(
            value = OFVersion.class,
            names = {"OF_10", "OF_13"})
    void writesWhatLoxiWritesForTheSameRule(OFVersion v) {
        OFFactory f = OFFactories.getFactory(v);
        for (boolean policyStage :
                v == OFVersion.OF_10 ? new boolean[] {false} : new boolean[] {false, true}) {
            for (FlowRuleOperation op : operations(v)) {
                assertThat(OfFlowModBytes.handles(v, op)).as(op.toString()).isTrue();
                ByteBuf lean = Unpooled.buffer();
                ByteBuf loxi = Unpooled.buffer();
                lean.writeByte(0x55); // after what the buffer already holds
                loxi.writeByte(0x55);

                OfFlowMods.writeFlowMod(f, policyStage, op, 0x8765_4321L, lean);
                OfFlowMods.toFlowMod(f, policyStage, op, 0x8765_4321L).writeTo(loxi);

                assertThat(ByteBufUtil.hexDump(lean))
                        .as("%s policy stage %s", op, policyStage)
                        .isEqualTo(ByteBufUtil.hexDump(loxi));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = OFVersion.class,
            names = {"OF_10", "OF_13"})
    void leavesOtherRulesToLoxiWithTheSameBytes(OFVersion v) {
        OFFactory f = OFFactories.getFactory(v);
        List<FlowRule> others =
                List.of(
                        FlowRule.builder(DPID)
                                .match(
                                        FlowMatch.builder()
                                                .ethDst(MacAddress.of(5))
                                                .ethType(FlowMatch.ETH_TYPE_IPV4)
                                                .build())
                                .actions(List.of(FlowAction.output(2)))
                                .build(),
                        FlowRule.builder(DPID)
                                .match(FlowMatch.ethDstOnly(MacAddress.of(5)))
                                .actions(
                                        List.of(new FlowAction.SetVlanVid(7), FlowAction.output(2)))
                                .build(),
                        FlowRule.builder(DPID)
                                .match(FlowMatch.ANY)
                                .actions(List.of(FlowAction.output(2)))
                                .build());
        if (v == OFVersion.OF_13) {
            // A reserved ingress port on 1.3, and a group action inside a rule's other actions.
            others = new ArrayList<>(others);
            others.add(
                    FlowRule.builder(DPID)
                            .match(
                                    FlowMatch.builder()
                                            .ethDst(MacAddress.of(5))
                                            .inPort(PortNumber.LOCAL)
                                            .build())
                            .actions(List.of(FlowAction.output(2)))
                            .build());
            others.add(
                    FlowRule.builder(DPID)
                            .match(FlowMatch.ethDstOnly(MacAddress.of(5)))
                            .actions(List.of(new FlowAction.SetVlanVid(7), FlowAction.group(3)))
                            .build());
        }
        for (FlowRule r : others) {
            FlowRuleOperation op = FlowRuleOperation.add(r);
            assertThat(OfFlowModBytes.handles(v, op)).isFalse();
            ByteBuf written = Unpooled.buffer();
            OfFlowMods.writeFlowMod(f, false, op, 9, written);
            ByteBuf loxi = Unpooled.buffer();
            OfFlowMods.toFlowMod(f, false, op, 9).writeTo(loxi);
            assertThat(bytes(written)).isEqualTo(bytes(loxi));
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = OFVersion.class,
            names = {"OF_10", "OF_13"})
    void refusesTheTablesLoxisPathRefuses(OFVersion v) {
        OFFactory f = OFFactories.getFactory(v);
        FlowRule policy =
                new FlowRule(
                        DPID,
                        FlowRule.POLICY_TABLE,
                        10,
                        FlowMatch.ethDstOnly(MacAddress.of(5)),
                        List.of(FlowAction.output(2)),
                        0,
                        0,
                        0);
        FlowRuleOperation op = FlowRuleOperation.add(policy);
        assertThat(OfFlowModBytes.handles(v, op)).isTrue();
        assertThatThrownBy(() -> OfFlowMods.writeFlowMod(f, false, op, 1, Unpooled.buffer()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OfFlowMods.toFlowMod(f, false, op, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
