package org.weft.openflow.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.weft.openflow.emulator.WireMatchesTest.OF13;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;
import org.weft.net.Dpid;
import org.weft.net.Ip4Prefix;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;

class FlowTableCommandsTest {

    static final Dpid DPID = Dpid.of(1);

    final FakeFlowTable table = new FakeFlowTable();

    static Match dst(String prefix) {
        Ip4Prefix p = Ip4Prefix.parse(prefix);
        Match.Builder b = OF13.buildMatch().setExact(MatchField.ETH_TYPE, EthType.IPv4);
        if (p.length() == 32) {
            b.setExact(MatchField.IPV4_DST, IPv4Address.of(p.address().value()));
        } else {
            b.setMasked(
                    MatchField.IPV4_DST,
                    IPv4Address.of(p.address().value()),
                    IPv4Address.ofCidrMaskLength(p.length()));
        }
        return b.build();
    }

    static OFFlowMod.Builder out(OFFlowMod.Builder b, int port) {
        List<OFAction> actions = List.of(OF13.actions().output(OFPort.of(port), 0xffff));
        return b.setInstructions(List.of(OF13.instructions().applyActions(actions)));
    }

    void apply(OFFlowMod.Builder b) {
        FlowTableCommands.apply(table, DPID, 1, b.build());
    }

    @Test
    void addReplacesTheIdenticalEntryAndStrictCommandsTouchOnlyIt() {
        apply(out(OF13.buildFlowAdd().setMatch(dst("10.0.0.1")).setPriority(10), 1));
        apply(out(OF13.buildFlowAdd().setMatch(dst("10.0.0.1")).setPriority(10), 2));
        apply(out(OF13.buildFlowAdd().setMatch(dst("10.0.0.1")).setPriority(20), 3));
        assertThat(table.flows()).hasSize(2);

        apply(out(OF13.buildFlowModifyStrict().setMatch(dst("10.0.0.1")).setPriority(20), 4));
        apply(OF13.buildFlowDeleteStrict().setMatch(dst("10.0.0.1")).setPriority(10));
        assertThat(table.flows())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.priority()).isEqualTo(20);
                            assertThat(r.actions()).containsExactly(FlowAction.output(4));
                        });
    }

    @Test
    void nonStrictDeleteRemovesEveryNarrowerEntryThatOutputsToItsPort() {
        apply(out(OF13.buildFlowAdd().setMatch(dst("10.0.0.1")).setCookie(U64.of(1)), 1));
        apply(out(OF13.buildFlowAdd().setMatch(dst("10.0.1.0/24")), 2));
        apply(out(OF13.buildFlowAdd().setMatch(dst("10.1.0.1")), 1));
        apply(out(OF13.buildFlowAdd().setMatch(dst("10.0.2.1")), 2));

        apply(OF13.buildFlowDelete().setMatch(dst("10.0.0.0/16")).setOutPort(OFPort.of(2)));

        assertThat(table.flows())
                .extracting(r -> r.match().ipv4Dst())
                .containsExactlyInAnyOrder(
                        Ip4Prefix.parse("10.0.0.1/32"), Ip4Prefix.parse("10.1.0.1/32"));

        apply(OF13.buildFlowDelete().setTableId(TableId.ALL).setMatch(OF13.buildMatch().build()));
        assertThat(table.flows()).isEmpty();
    }

    @Test
    void nonStrictModifyChangesTheActionsOfEveryNarrowerEntry() {
        apply(out(OF13.buildFlowAdd().setMatch(dst("10.0.0.1")).setCookie(U64.of(7)), 1));
        apply(out(OF13.buildFlowAdd().setMatch(dst("10.1.0.1")), 1));

        apply(out(OF13.buildFlowModify().setMatch(dst("10.0.0.0/8")), 5));

        assertThat(table.flows())
                .allSatisfy(r -> assertThat(r.actions()).containsExactly(FlowAction.output(5)));
        FlowRule kept =
                table.flows().stream()
                        .filter(r -> r.match().ipv4Dst().equals(Ip4Prefix.parse("10.0.0.1/32")))
                        .findFirst()
                        .orElseThrow();
        assertThat(kept.cookie()).as("MODIFY keeps the cookie").isEqualTo(7);
    }

    @Test
    void coversComparesFieldsAndPrefixes() {
        FlowMatch host =
                FlowMatch.builder().ethType(0x0800).ipv4Dst(Ip4Prefix.parse("10.0.0.1/32")).build();
        FlowMatch net =
                FlowMatch.builder().ethType(0x0800).ipv4Dst(Ip4Prefix.parse("10.0.0.0/8")).build();
        assertThat(FlowTableCommands.covers(FlowMatch.ANY, host)).isTrue();
        assertThat(FlowTableCommands.covers(net, host)).isTrue();
        assertThat(FlowTableCommands.covers(host, net)).isFalse();
        assertThat(FlowTableCommands.covers(net, FlowMatch.ANY)).isFalse();
    }
}
