package org.weft.openflow.translate;

import java.util.ArrayList;
import java.util.List;
import org.projectfloodlight.openflow.protocol.OFBucket;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFGroupDescStatsEntry;
import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionApplyActions;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionGotoTable;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionMeter;
import org.projectfloodlight.openflow.types.OFPort;
import org.weft.net.Dpid;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.Group;
import org.weft.net.stats.FlowEntry;

/** Reads flow stats and group descriptions back into core values (flow and group listings). */
public final class OfFlowEntries {

    private OfFlowEntries() {}

    /** A flow stats entry of a switch without a policy stage as a core entry with counters. */
    public static FlowEntry toEntry(Dpid dpid, OFFlowStatsEntry e) {
        return toEntry(dpid, false, e);
    }

    /**
     * A flow stats entry as a core entry with counters, in logical tables (see {@link OfTables}): a
     * meter instruction reads back as {@link FlowAction.Meter} first, a goto_table as {@link
     * FlowAction.Continue} last.
     */
    public static FlowEntry toEntry(Dpid dpid, boolean policyStage, OFFlowStatsEntry e) {
        boolean of10 = e.getVersion() == OFVersion.OF_10;
        FlowRule rule =
                FlowRule.builder(dpid)
                        .table(OfTables.logical(policyStage, e.getTableId().getValue()))
                        .priority(e.getPriority())
                        .match(OfMatches.toCore(e.getMatch()))
                        .actions(of10 ? OfActions.toCore(e.getActions()) : actions(e))
                        .idleTimeout(e.getIdleTimeout())
                        .hardTimeout(e.getHardTimeout())
                        .cookie(e.getCookie().getValue())
                        .build();
        return new FlowEntry(
                rule,
                e.getPacketCount().getValue(),
                e.getByteCount().getValue(),
                e.getDurationSec());
    }

    private static List<FlowAction> actions(OFFlowStatsEntry e) {
        List<FlowAction> out = new ArrayList<>();
        boolean proceed = false;
        for (OFInstruction i : e.getInstructions()) {
            if (i instanceof OFInstructionMeter m) {
                out.add(0, new FlowAction.Meter(m.getMeterId()));
            } else if (i instanceof OFInstructionGotoTable) {
                proceed = true;
            }
        }
        out.addAll(OfActions.toCore(applyActions(e.getInstructions())));
        if (proceed) {
            out.add(new FlowAction.Continue());
        }
        return out;
    }

    /** The actions of the apply-actions instructions, in order. */
    public static List<OFAction> applyActions(List<OFInstruction> instructions) {
        List<OFAction> out = new ArrayList<>();
        for (OFInstruction i : instructions) {
            if (i instanceof OFInstructionApplyActions apply) {
                out.addAll(apply.getActions());
            }
        }
        return out;
    }

    public static Group toGroup(Dpid dpid, OFGroupDescStatsEntry e) {
        return toGroup(dpid, e.getGroup().getGroupNumber(), e.getGroupType(), e.getBuckets());
    }

    private static Group toGroup(Dpid dpid, int id, OFGroupType type, List<OFBucket> ofBuckets) {
        List<Group.Bucket> buckets = new ArrayList<>();
        for (OFBucket b : ofBuckets) {
            OFPort watch = b.getWatchPort();
            buckets.add(
                    new Group.Bucket(
                            b.getWeight(),
                            watch.equals(OFPort.ANY) ? null : OfPorts.toCore(watch),
                            OfActions.toCore(b.getActions())));
        }
        return new Group(dpid, id, OfFlowMods.groupType(type), buckets);
    }
}
