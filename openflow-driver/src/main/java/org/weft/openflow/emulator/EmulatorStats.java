package org.weft.openflow.emulator;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.OFStatsRequest;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.Group;
import org.weft.net.flow.GroupOperation;
import org.weft.openflow.translate.OfActions;
import org.weft.openflow.translate.OfFlowMods;
import org.weft.openflow.translate.OfMatches;
import org.weft.openflow.translate.OfPorts;

/** The emulator's answers to stats (multipart) requests; long answers are split into parts. */
final class EmulatorStats {

    /** Entries per reply part, small enough that tests exercise multipart reassembly. */
    static final int ENTRIES_PER_PART = 100;

    private EmulatorStats() {}

    static List<OFMessage> answer(EmulatedSwitch sw, OFStatsRequest<?> req) {
        OFFactory f = sw.factory();
        long xid = req.getXid();
        return switch (req.getStatsType()) {
            case PORT_DESC ->
                    List.of(
                            f.buildPortDescStatsReply()
                                    .setXid(xid)
                                    .setEntries(
                                            sw.ports().stream()
                                                    .map(p -> EmulatorPorts.describe(f, p))
                                                    .toList())
                                    .build());
            case DESC ->
                    List.of(
                            f.buildDescStatsReply()
                                    .setXid(xid)
                                    .setMfrDesc("Weft")
                                    .setHwDesc("emulated switch")
                                    .setSwDesc("weft-emulator")
                                    .setSerialNum(sw.dpid().toString())
                                    .setDpDesc("emulated " + sw.dpid())
                                    .build());
            case FLOW ->
                    flows(
                            sw,
                            f,
                            xid,
                            (org.projectfloodlight.openflow.protocol.OFFlowStatsRequest) req);
            case PORT ->
                    List.of(
                            f.buildPortStatsReply()
                                    .setXid(xid)
                                    .setEntries(
                                            sw.ports().stream()
                                                    .map(
                                                            p ->
                                                                    f.buildPortStatsEntry()
                                                                            .setPortNo(
                                                                                    OfPorts.toOf(
                                                                                            p
                                                                                                    .number()))
                                                                            .build())
                                                    .toList())
                                    .build());
            case GROUP_DESC ->
                    List.of(
                            f.buildGroupDescStatsReply()
                                    .setXid(xid)
                                    .setEntries(
                                            sw.table().groups().stream()
                                                    .map(g -> groupDesc(f, g))
                                                    .toList())
                                    .build());
            default ->
                    List.of(
                            f.errorMsgs()
                                    .buildBadRequestErrorMsg()
                                    .setXid(xid)
                                    .setCode(
                                            org.projectfloodlight.openflow.protocol.OFBadRequestCode
                                                    .BAD_STAT)
                                    .setData(
                                            org.projectfloodlight.openflow.types.OFErrorCauseData
                                                    .NONE)
                                    .build());
        };
    }

    /** Flow stats, filtered by the request's cookie and cookie mask on OpenFlow 1.1+. */
    private static List<OFMessage> flows(
            EmulatedSwitch sw,
            OFFactory f,
            long xid,
            org.projectfloodlight.openflow.protocol.OFFlowStatsRequest req) {
        long cookie = 0;
        long mask = 0;
        if (f.getVersion() != org.projectfloodlight.openflow.protocol.OFVersion.OF_10) {
            cookie = req.getCookie().getValue();
            mask = req.getCookieMask().getValue();
        }
        long c = cookie;
        long m = mask;
        List<OFFlowStatsEntry> entries =
                sw.table().flows().stream()
                        .filter(r -> (r.cookie() & m) == (c & m))
                        .map(r -> flowEntry(f, r))
                        .toList();
        List<OFMessage> parts = new ArrayList<>();
        for (int i = 0; i < entries.size() || i == 0; i += ENTRIES_PER_PART) {
            int end = Math.min(entries.size(), i + ENTRIES_PER_PART);
            Set<OFStatsReplyFlags> flags =
                    end < entries.size()
                            ? EnumSet.of(OFStatsReplyFlags.REPLY_MORE)
                            : EnumSet.noneOf(OFStatsReplyFlags.class);
            parts.add(
                    f.buildFlowStatsReply()
                            .setXid(xid)
                            .setFlags(flags)
                            .setEntries(entries.subList(i, end))
                            .build());
        }
        return parts;
    }

    private static OFFlowStatsEntry flowEntry(OFFactory f, FlowRule r) {
        List<OFAction> actions = OfActions.toOf(f, r.actions());
        var b =
                f.buildFlowStatsEntry()
                        .setTableId(TableId.of(r.tableId()))
                        .setPriority(r.priority())
                        .setMatch(OfMatches.toOf(f, r.match()))
                        .setIdleTimeout(r.idleTimeout())
                        .setHardTimeout(r.hardTimeout())
                        .setCookie(U64.of(r.cookie()))
                        .setPacketCount(U64.ZERO)
                        .setByteCount(U64.ZERO);
        if (f.getVersion() == OFVersion.OF_10) {
            b.setActions(actions);
        } else {
            b.setInstructions(
                    actions.isEmpty()
                            ? List.of()
                            : List.of(f.instructions().applyActions(actions)));
        }
        return b.build();
    }

    private static org.projectfloodlight.openflow.protocol.OFGroupDescStatsEntry groupDesc(
            OFFactory f, Group g) {
        var mod = OfFlowMods.toGroupMod(f, new GroupOperation(GroupOperation.Type.ADD, g), 0);
        return f.buildGroupDescStatsEntry()
                .setGroup(OFGroup.of(g.groupId()))
                .setGroupType(mod.getGroupType())
                .setBuckets(mod.getBuckets())
                .build();
    }
}
