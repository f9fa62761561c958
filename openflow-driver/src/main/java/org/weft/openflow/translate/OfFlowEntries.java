package org.weft.openflow.translate;

import java.util.ArrayList;
import java.util.List;
import org.projectfloodlight.openflow.protocol.OFBucket;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFGroupMod;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionApplyActions;
import org.projectfloodlight.openflow.types.OFPort;
import org.weft.net.Dpid;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.Group;

/** Reads flow-mods and group-mods back into core values (the emulator's tables, flow listings). */
public final class OfFlowEntries {

    private OfFlowEntries() {}

    public static FlowRule toRule(Dpid dpid, OFFlowMod fm) {
        boolean of10 = fm.getVersion() == OFVersion.OF_10;
        List<OFAction> actions = of10 ? fm.getActions() : applyActions(fm.getInstructions());
        return FlowRule.builder(dpid)
                .table(of10 ? 0 : fm.getTableId().getValue())
                .priority(fm.getPriority())
                .match(OfMatches.toCore(fm.getMatch()))
                .actions(OfActions.toCore(actions))
                .idleTimeout(fm.getIdleTimeout())
                .hardTimeout(fm.getHardTimeout())
                .cookie(fm.getCookie().getValue())
                .build();
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

    public static Group toGroup(Dpid dpid, OFGroupMod gm) {
        List<Group.Bucket> buckets = new ArrayList<>();
        for (OFBucket b : gm.getBuckets()) {
            OFPort watch = b.getWatchPort();
            buckets.add(
                    new Group.Bucket(
                            b.getWeight(),
                            watch.equals(OFPort.ANY) ? null : OfPorts.toCore(watch),
                            OfActions.toCore(b.getActions())));
        }
        return new Group(
                dpid,
                gm.getGroup().getGroupNumber(),
                OfFlowMods.groupType(gm.getGroupType()),
                buckets);
    }
}
