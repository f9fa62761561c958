package org.weft.openflow.emulator;

import java.util.ArrayList;
import java.util.List;
import org.projectfloodlight.openflow.protocol.OFBucket;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFGroupDescStatsEntry;
import org.projectfloodlight.openflow.protocol.OFGroupMod;
import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;
import org.weft.net.Dpid;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.Group;
import org.weft.openflow.emulator.BadEntryException.Kind;

/**
 * Flow-mods and group-mods read into the emulator's table entries, and table entries written as
 * flow stats and group description entries: the emulator's own code (with {@link WireMatches} and
 * {@link WireActions}), never openflow-driver's, so that the two check each other.
 */
final class WireEntries {

    private WireEntries() {}

    /** The table a flow-mod names: 0 on OpenFlow 1.0 (a single table); OFPTT_ALL is 0xff. */
    static int table(OFFlowMod fm) {
        return fm.getVersion() == OFVersion.OF_10 ? 0 : fm.getTableId().getValue();
    }

    /**
     * The entry an ADD, MODIFY_STRICT or DELETE_STRICT names, on a switch with {@code tables}
     * tables (goto_table and meter instructions only with 2 or more).
     */
    static FlowRule rule(Dpid dpid, int tables, OFFlowMod fm) {
        boolean of10 = fm.getVersion() == OFVersion.OF_10;
        var match = WireMatches.decode(fm.getMatch());
        var actions =
                of10
                        ? WireActions.decode(fm.getActions())
                        : WireActions.fromInstructions(fm.getInstructions(), tables);
        try {
            return new FlowRule(
                    dpid,
                    table(fm),
                    fm.getPriority(),
                    match,
                    actions,
                    fm.getIdleTimeout(),
                    fm.getHardTimeout(),
                    fm.getCookie().getValue());
        } catch (IllegalArgumentException e) {
            throw new BadEntryException(Kind.BAD_TABLE, e.getMessage(), e);
        }
    }

    static Group group(Dpid dpid, OFGroupMod gm) {
        List<Group.Bucket> buckets = new ArrayList<>();
        for (OFBucket b : gm.getBuckets()) {
            OFPort watch = b.getWatchPort();
            buckets.add(
                    new Group.Bucket(
                            b.getWeight(),
                            watch.equals(OFPort.ANY) ? null : EmulatorPorts.number(watch),
                            WireActions.decode(b.getActions())));
        }
        try {
            return new Group(
                    dpid, gm.getGroup().getGroupNumber(), type(gm.getGroupType()), buckets);
        } catch (IllegalArgumentException e) {
            throw new BadEntryException(Kind.BAD_GROUP, e.getMessage(), e);
        }
    }

    private static Group.Type type(OFGroupType t) {
        return switch (t) {
            case ALL -> Group.Type.ALL;
            case SELECT -> Group.Type.SELECT;
            case INDIRECT -> Group.Type.INDIRECT;
            case FF -> Group.Type.FAST_FAILOVER;
        };
    }

    private static OFGroupType type(Group.Type t) {
        return switch (t) {
            case ALL -> OFGroupType.ALL;
            case SELECT -> OFGroupType.SELECT;
            case INDIRECT -> OFGroupType.INDIRECT;
            case FAST_FAILOVER -> OFGroupType.FF;
        };
    }

    /** A flow stats entry (no traffic passes, so the counters are zero). */
    static OFFlowStatsEntry flowStats(OFFactory f, FlowRule r) {
        List<OFAction> actions =
                WireActions.encode(
                        f,
                        r.actions().stream()
                                .filter(
                                        a ->
                                                !(a instanceof FlowAction.Meter)
                                                        && !(a instanceof FlowAction.Continue))
                                .toList());
        OFFlowStatsEntry.Builder b =
                f.buildFlowStatsEntry()
                        .setTableId(TableId.of(r.tableId()))
                        .setPriority(r.priority())
                        .setMatch(WireMatches.encode(f, r.match()))
                        .setIdleTimeout(r.idleTimeout())
                        .setHardTimeout(r.hardTimeout())
                        .setCookie(U64.of(r.cookie()))
                        .setPacketCount(U64.ZERO)
                        .setByteCount(U64.ZERO);
        if (f.getVersion() == OFVersion.OF_10) {
            b.setActions(actions);
        } else {
            List<org.projectfloodlight.openflow.protocol.instruction.OFInstruction> ins =
                    new ArrayList<>();
            for (FlowAction a : r.actions()) {
                if (a instanceof FlowAction.Meter m) {
                    ins.add(f.instructions().meter(m.meterId()));
                }
            }
            if (!actions.isEmpty()) {
                ins.add(f.instructions().applyActions(actions));
            }
            if (r.actions().contains(new FlowAction.Continue())) {
                ins.add(f.instructions().gotoTable(TableId.of(r.tableId() + 1)));
            }
            b.setInstructions(ins);
        }
        return b.build();
    }

    static OFGroupDescStatsEntry groupDesc(OFFactory f, Group g) {
        List<OFBucket> buckets = new ArrayList<>();
        for (Group.Bucket b : g.buckets()) {
            buckets.add(
                    f.buildBucket()
                            .setWeight(b.weight())
                            .setWatchPort(
                                    b.watchPort() == null
                                            ? OFPort.ANY
                                            : EmulatorPorts.wire(b.watchPort()))
                            .setWatchGroup(OFGroup.ANY)
                            .setActions(WireActions.encode(f, b.actions()))
                            .build());
        }
        return f.buildGroupDescStatsEntry()
                .setGroup(OFGroup.of(g.groupId()))
                .setGroupType(type(g.type()))
                .setBuckets(buckets)
                .build();
    }
}
