package org.weft.openflow.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;
import org.weft.net.Dpid;
import org.weft.net.Ip4Prefix;
import org.weft.net.PortNumber;
import org.weft.net.flow.Cookies;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;

/** The policy stage's table shift and instructions, both ways. */
class PolicyStageTranslationTest {

    private static final OFFactory F13 = OFFactories.getFactory(OFVersion.OF_13);
    private static final OFFactory F10 = OFFactories.getFactory(OFVersion.OF_10);
    private static final Dpid DPID = Dpid.of(7);

    private static FlowRule policyRule() {
        return FlowRule.builder(DPID)
                .table(FlowRule.POLICY_TABLE)
                .priority(40000)
                .match(
                        FlowMatch.builder()
                                .inPort(PortNumber.of(3))
                                .ethType(FlowMatch.ETH_TYPE_IPV4)
                                .ipv4Dst(Ip4Prefix.parse("10.0.0.0/8"))
                                .build())
                .actions(new FlowAction.Meter(9), new FlowAction.Continue())
                .cookie(Cookies.make(Cookies.POLICY_APP, 5))
                .build();
    }

    @Test
    void tablesShiftByOneWithAPolicyStage() {
        assertThat(OfTables.physical(true, FlowRule.POLICY_TABLE)).isZero();
        assertThat(OfTables.physical(true, 0)).isEqualTo(1);
        assertThat(OfTables.physical(true, 3)).isEqualTo(4);
        assertThat(OfTables.logical(true, 0)).isEqualTo(FlowRule.POLICY_TABLE);
        assertThat(OfTables.logical(true, 1)).isZero();
        assertThat(OfTables.physical(false, 0)).isZero();
        assertThat(OfTables.logical(false, 0)).isZero();
        assertThatThrownBy(() -> OfTables.physical(false, FlowRule.POLICY_TABLE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void policyEntryBecomesMeterAndGotoForwarding() {
        OFFlowMod m = OfFlowMods.toFlowMod(F13, true, FlowRuleOperation.add(policyRule()), 1);
        assertThat(m.getTableId()).isEqualTo(TableId.of(0));
        assertThat(m.getInstructions())
                .containsExactly(
                        F13.instructions().meter(9), F13.instructions().gotoTable(TableId.of(1)));
    }

    @Test
    void forwardingEntryGoesOneTableDown() {
        FlowRule fwd = FlowRule.builder(DPID).actions(FlowAction.output(PortNumber.of(2))).build();
        assertThat(OfFlowMods.toFlowMod(F13, true, FlowRuleOperation.add(fwd), 1).getTableId())
                .isEqualTo(TableId.of(1));
        assertThat(OfFlowMods.toFlowMod(F13, false, FlowRuleOperation.add(fwd), 1).getTableId())
                .isEqualTo(TableId.of(0));
    }

    @Test
    void flowStatsReadBackInLogicalTables() {
        OFFlowMod m = OfFlowMods.toFlowMod(F13, true, FlowRuleOperation.add(policyRule()), 1);
        OFFlowStatsEntry e =
                F13.buildFlowStatsEntry()
                        .setTableId(m.getTableId())
                        .setPriority(m.getPriority())
                        .setMatch(m.getMatch())
                        .setInstructions(m.getInstructions())
                        .setCookie(m.getCookie())
                        .setPacketCount(U64.of(4))
                        .setByteCount(U64.of(400))
                        .build();
        assertThat(OfFlowEntries.toEntry(DPID, true, e).rule()).isEqualTo(policyRule());
    }

    @Test
    void withoutAPolicyStageThePolicyTableIsRefusedByName() {
        assertThatThrownBy(
                        () ->
                                OfFlowMods.toFlowMod(
                                        F13, false, FlowRuleOperation.add(policyRule()), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no policy stage");
        assertThatThrownBy(() -> OfFlowMods.toFlowMod(F10, FlowRuleOperation.add(policyRule()), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void continueOutsideThePolicyTableIsRefused() {
        FlowRule bad = FlowRule.builder(DPID).actions(List.of(new FlowAction.Continue())).build();
        assertThatThrownBy(() -> OfFlowMods.toFlowMod(F13, true, FlowRuleOperation.add(bad), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
