package org.weft.openflow.emulator;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.OFPort;
import org.weft.net.Dpid;
import org.weft.net.Ip4Prefix;
import org.weft.net.PortNumber;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;

/**
 * A flow-mod's command applied to a {@link FakeFlowTable} with OpenFlow's semantics: ADD replaces
 * an identical entry, the strict commands act on the identical entry only, and the non-strict ones
 * on every entry whose match is at least as specific (in the named table, or every table for
 * OFPTT_ALL; a DELETE with an out_port only on entries that output there).
 */
final class FlowTableCommands {

    /** OFPTT_ALL. */
    private static final int ALL_TABLES = 0xff;

    private FlowTableCommands() {}

    static void apply(FakeFlowTable table, Dpid dpid, int tables, OFFlowMod fm) {
        switch (fm.getCommand()) {
            case ADD -> table.add(WireEntries.rule(dpid, tables, fm));
            case MODIFY_STRICT -> table.modify(WireEntries.rule(dpid, tables, fm));
            case DELETE_STRICT -> table.removeStrict(WireEntries.rule(dpid, tables, fm));
            case MODIFY -> {
                FlowRule given = WireEntries.rule(dpid, tables, fm);
                table.modifyMatching(
                        selected(given.tableId(), given.match(), null),
                        r -> withActions(r, given.actions()));
            }
            case DELETE -> {
                PortNumber outPort =
                        fm.getOutPort().equals(OFPort.ANY)
                                ? null
                                : EmulatorPorts.number(fm.getOutPort());
                int t = fm.getVersion() == OFVersion.OF_10 ? ALL_TABLES : WireEntries.table(fm);
                table.removeMatching(selected(t, WireMatches.decode(fm.getMatch()), outPort));
            }
        }
    }

    private static Predicate<FlowRule> selected(int tableId, FlowMatch match, PortNumber outPort) {
        return r ->
                (tableId == ALL_TABLES || r.tableId() == tableId)
                        && covers(match, r.match())
                        && (outPort == null || r.actions().contains(FlowAction.output(outPort)));
    }

    private static FlowRule withActions(FlowRule r, List<FlowAction> actions) {
        return new FlowRule(
                r.dpid(),
                r.tableId(),
                r.priority(),
                r.match(),
                actions,
                r.idleTimeout(),
                r.hardTimeout(),
                r.cookie());
    }

    /** Whether every field {@code general} sets is set alike (or narrower) in {@code specific}. */
    static boolean covers(FlowMatch general, FlowMatch specific) {
        return same(general.inPort(), specific.inPort())
                && same(general.ethSrc(), specific.ethSrc())
                && same(general.ethDst(), specific.ethDst())
                && same(general.ethType(), specific.ethType())
                && same(general.vlanVid(), specific.vlanVid())
                && same(general.ipProto(), specific.ipProto())
                && within(general.ipv4Src(), specific.ipv4Src())
                && within(general.ipv4Dst(), specific.ipv4Dst())
                && same(general.tcpSrc(), specific.tcpSrc())
                && same(general.tcpDst(), specific.tcpDst())
                && same(general.udpSrc(), specific.udpSrc())
                && same(general.udpDst(), specific.udpDst());
    }

    private static boolean same(Object general, Object specific) {
        return general == null || Objects.equals(general, specific);
    }

    private static boolean within(Ip4Prefix general, Ip4Prefix specific) {
        return general == null
                || (specific != null
                        && specific.length() >= general.length()
                        && general.contains(specific.address()));
    }
}
