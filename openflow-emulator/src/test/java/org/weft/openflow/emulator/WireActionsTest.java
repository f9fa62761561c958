package org.weft.openflow.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.weft.openflow.emulator.WireMatchesTest.OF10;
import static org.weft.openflow.emulator.WireMatchesTest.OF13;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.OFVlanVidMatch;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.VlanVid;
import org.weft.net.PortNumber;
import org.weft.net.flow.FlowAction;

class WireActionsTest {

    static final org.weft.net.MacAddress A = org.weft.net.MacAddress.parse("02:00:00:00:00:0a");
    static final org.weft.net.MacAddress B = org.weft.net.MacAddress.parse("02:00:00:00:00:0b");

    @Test
    void readsOpenFlow13ActionsInOrder() {
        var a = OF13.actions();
        List<OFAction> wire =
                List.of(
                        a.pushVlan(EthType.VLAN_FRAME),
                        a.setField(OF13.oxms().vlanVid(OFVlanVidMatch.ofVlan(7))),
                        a.setField(OF13.oxms().ethSrc(MacAddress.of(A.value()))),
                        a.setField(OF13.oxms().ethDst(MacAddress.of(B.value()))),
                        a.output(OFPort.of(2), 0xffff),
                        a.popVlan(),
                        a.group(OFGroup.of(9)),
                        a.output(OFPort.CONTROLLER, 0xffff));
        assertThat(WireActions.fromInstructions(List.of(OF13.instructions().applyActions(wire))))
                .containsExactly(
                        new FlowAction.PushVlan(),
                        new FlowAction.SetVlanVid(7),
                        new FlowAction.SetEthSrc(A),
                        new FlowAction.SetEthDst(B),
                        FlowAction.output(2),
                        new FlowAction.PopVlan(),
                        FlowAction.group(9),
                        FlowAction.output(PortNumber.CONTROLLER));
    }

    @Test
    void readsOpenFlow10Actions() {
        var a = OF10.actions();
        assertThat(
                        WireActions.decode(
                                List.of(
                                        a.setVlanVid(VlanVid.ofVlan(7)),
                                        a.setDlSrc(MacAddress.of(A.value())),
                                        a.setDlDst(MacAddress.of(B.value())),
                                        a.stripVlan(),
                                        a.output(OFPort.FLOOD, 0xffff))))
                .containsExactly(
                        new FlowAction.SetVlanVid(7),
                        new FlowAction.SetEthSrc(A),
                        new FlowAction.SetEthDst(B),
                        new FlowAction.PopVlan(),
                        FlowAction.output(PortNumber.FLOOD));
    }

    @Test
    void writesWhatItReads() {
        List<FlowAction> of13 =
                List.of(
                        new FlowAction.PushVlan(),
                        new FlowAction.SetVlanVid(7),
                        new FlowAction.SetEthSrc(A),
                        new FlowAction.SetEthDst(B),
                        new FlowAction.PopVlan(),
                        FlowAction.group(3),
                        FlowAction.output(4));
        List<FlowAction> of10 =
                List.of(
                        new FlowAction.SetVlanVid(7),
                        new FlowAction.SetEthSrc(A),
                        new FlowAction.PopVlan(),
                        FlowAction.output(PortNumber.CONTROLLER));
        for (var c : List.of(new Object[] {OF13, of13}, new Object[] {OF10, of10})) {
            OFFactory f = (OFFactory) c[0];
            @SuppressWarnings("unchecked")
            List<FlowAction> actions = (List<FlowAction>) c[1];
            assertThat(WireActions.decode(WireActions.encode(f, actions)))
                    .as("%s", f.getVersion())
                    .isEqualTo(actions);
        }
    }

    @Test
    void refusesWhatItDoesNotModel() {
        assertThatThrownBy(() -> WireActions.decode(List.of(OF13.actions().decNwTtl())))
                .isInstanceOf(BadEntryException.class)
                .extracting(e -> ((BadEntryException) e).kind())
                .isEqualTo(BadEntryException.Kind.BAD_ACTION);
        assertThatThrownBy(
                        () ->
                                WireActions.decode(
                                        List.of(
                                                OF13.actions()
                                                        .setField(
                                                                OF13.oxms()
                                                                        .vlanVid(
                                                                                OFVlanVidMatch
                                                                                        .ofRawVid(
                                                                                                (short)
                                                                                                        7))))))
                .isInstanceOf(BadEntryException.class)
                .hasMessageContaining("OFPVID_PRESENT");
        assertThatThrownBy(
                        () ->
                                WireActions.fromInstructions(
                                        List.of(OF13.instructions().gotoTable(TableId.of(1)))))
                .isInstanceOf(BadEntryException.class)
                .extracting(e -> ((BadEntryException) e).kind())
                .isEqualTo(BadEntryException.Kind.BAD_INSTRUCTION);
    }

    @Test
    void withTwoTablesMeterAndGotoTableReadAsMeterAndContinue() {
        assertThat(
                        WireActions.fromInstructions(
                                List.of(
                                        OF13.instructions().gotoTable(TableId.of(1)),
                                        OF13.instructions().meter(3)),
                                2))
                .containsExactly(
                        new org.weft.net.flow.FlowAction.Meter(3),
                        new org.weft.net.flow.FlowAction.Continue());
        assertThatThrownBy(
                        () ->
                                WireActions.fromInstructions(
                                        List.of(OF13.instructions().meter(3)), 1))
                .isInstanceOf(BadEntryException.class);
    }
}
