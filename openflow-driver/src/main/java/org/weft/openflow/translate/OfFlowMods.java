package org.weft.openflow.translate;

import static com.google.common.base.Preconditions.checkArgument;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import org.projectfloodlight.openflow.protocol.OFBucket;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFGroupMod;
import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.flow.Group;
import org.weft.net.flow.GroupOperation;

/**
 * The one place where core flow rules and groups become OpenFlow 1.0 / 1.3+ flow-mods and
 * group-mods.
 */
public final class OfFlowMods {

    private OfFlowMods() {}

    /**
     * The operation's flow-mod for a switch without a policy stage (logical tables are physical
     * ones); its {@code buffer_id} is the operation's buffer ({@code NO_BUFFER} when it names
     * none).
     *
     * @throws IllegalArgumentException when the rule cannot be expressed in the factory's version
     */
    public static OFFlowMod toFlowMod(OFFactory f, FlowRuleOperation op, long xid) {
        return toFlowMod(f, false, op, xid);
    }

    /**
     * The operation's flow-mod. With {@code policyStage}, the rule's logical table is mapped onto
     * the switch's (see {@link OfTables}), {@link FlowAction.Meter} becomes a meter instruction and
     * {@link FlowAction.Continue} a goto_table to forwarding's first table.
     *
     * @throws IllegalArgumentException when the rule cannot be expressed in the factory's version,
     *     or needs a policy stage the switch does not have
     */
    public static OFFlowMod toFlowMod(
            OFFactory f, boolean policyStage, FlowRuleOperation op, long xid) {
        FlowRule r = op.rule();
        boolean of10 = f.getVersion() == OFVersion.OF_10;
        checkTable(f.getVersion(), policyStage, r);
        OFFlowMod.Builder b =
                switch (op.type()) {
                    case ADD -> f.buildFlowAdd();
                    case MODIFY -> f.buildFlowModifyStrict();
                    case REMOVE -> f.buildFlowDeleteStrict();
                };
        b.setXid(xid)
                .setMatch(OfMatches.toOf(f, r.match()))
                .setPriority(r.priority())
                .setIdleTimeout(r.idleTimeout())
                .setHardTimeout(r.hardTimeout())
                .setCookie(U64.of(r.cookie()))
                .setBufferId(OfPackets.toOf(op.bufferId()))
                .setOutPort(OFPort.ANY);
        List<FlowAction> plain = r.actions();
        Long meter = null;
        boolean proceed = false;
        if (!plainOnly(plain)) {
            plain = new ArrayList<>(r.actions().size());
            for (FlowAction a : r.actions()) {
                if (a instanceof FlowAction.Meter m) {
                    checkArgument(meter == null, "one meter per rule");
                    meter = m.meterId();
                } else if (a instanceof FlowAction.Continue) {
                    proceed = true;
                } else {
                    checkArgument(!proceed, "Continue must be the last action");
                    plain.add(a);
                }
            }
        }
        checkArgument(
                (meter == null && !proceed) || r.tableId() == FlowRule.POLICY_TABLE,
                "Meter and Continue belong to the policy table only");
        List<OFAction> actions = OfActions.toOf(f, plain);
        if (of10) {
            b.setActions(actions);
        } else {
            b.setTableId(TableId.of(OfTables.physical(policyStage, r.tableId())))
                    .setOutGroup(OFGroup.ANY);
            List<OFInstruction> instructions = new ArrayList<>(3);
            if (meter != null) {
                instructions.add(f.instructions().meter(meter));
            }
            if (!actions.isEmpty()) {
                instructions.add(f.instructions().applyActions(actions));
            }
            if (proceed) {
                instructions.add(
                        f.instructions().gotoTable(TableId.of(OfTables.physical(policyStage, 0))));
            }
            b.setInstructions(instructions);
        }
        return b.build();
    }

    /**
     * Writes the operation's flow-mod into {@code out}: the same bytes as {@code toFlowMod(f,
     * policyStage, op, xid).writeTo(out)}, written straight for the commonest rule (an exact
     * eth_dst match alone, outputs only) without building Loxi's objects.
     *
     * @throws IllegalArgumentException as {@link #toFlowMod}; {@code out} may then hold part of the
     *     message
     */
    public static void writeFlowMod(
            OFFactory f, boolean policyStage, FlowRuleOperation op, long xid, ByteBuf out) {
        if (OfFlowModBytes.handles(f.getVersion(), op)) {
            OfFlowModBytes.write(f.getVersion(), policyStage, op, xid, out);
        } else {
            toFlowMod(f, policyStage, op, xid).writeTo(out);
        }
    }

    static void checkTable(OFVersion version, boolean policyStage, FlowRule r) {
        checkArgument(
                policyStage || r.tableId() != FlowRule.POLICY_TABLE,
                "switch %s has no policy stage (it needs OpenFlow 1.3 and 2 tables or more)",
                r.dpid());
        checkArgument(
                version != OFVersion.OF_10 || r.tableId() == 0,
                "OpenFlow 1.0 has a single table; table %s",
                r.tableId());
    }

    /** Whether no action is a Meter or a Continue (the common case: no copy needed). */
    private static boolean plainOnly(List<FlowAction> actions) {
        for (FlowAction a : actions) {
            if (a instanceof FlowAction.Meter || a instanceof FlowAction.Continue) {
                return false;
            }
        }
        return true;
    }

    /**
     * @throws IllegalArgumentException on an OpenFlow 1.0 switch, which has no groups
     */
    public static OFGroupMod toGroupMod(OFFactory f, GroupOperation op, long xid) {
        checkArgument(
                f.getVersion() != OFVersion.OF_10,
                "groups need OpenFlow 1.3; this switch speaks 1.0");
        Group g = op.group();
        OFGroupMod.Builder b =
                switch (op.type()) {
                    case ADD -> f.buildGroupAdd();
                    case MODIFY -> f.buildGroupModify();
                    case REMOVE -> f.buildGroupDelete();
                };
        b.setXid(xid).setGroup(OFGroup.of(g.groupId())).setGroupType(groupType(g.type()));
        if (op.type() != GroupOperation.Type.REMOVE) {
            b.setBuckets(
                    g.buckets().stream().map(bucket -> toBucket(f, g.type(), bucket)).toList());
        }
        return b.build();
    }

    /**
     * Writes the operation's group-mod into {@code out}: the commonest groups straight from the
     * group ({@link OfGroupModBytes}), others through {@link #toGroupMod}; the same bytes either
     * way.
     *
     * @throws IllegalArgumentException on an OpenFlow 1.0 switch, which has no groups
     */
    public static void writeGroupMod(OFFactory f, GroupOperation op, long xid, ByteBuf out) {
        if (OfGroupModBytes.handles(f.getVersion(), op)) {
            OfGroupModBytes.write(op, xid, out);
        } else {
            toGroupMod(f, op, xid).writeTo(out);
        }
    }

    private static OFBucket toBucket(OFFactory f, Group.Type type, Group.Bucket bucket) {
        OFPort watch = bucket.watchPort() == null ? OFPort.ANY : OfPorts.toOf(bucket.watchPort());
        return f.buildBucket()
                .setWeight(type == Group.Type.SELECT ? bucket.weight() : 0)
                .setWatchPort(watch)
                .setWatchGroup(OFGroup.ANY)
                .setActions(OfActions.toOf(f, bucket.actions()))
                .build();
    }

    public static OFGroupType groupType(Group.Type t) {
        return switch (t) {
            case ALL -> OFGroupType.ALL;
            case SELECT -> OFGroupType.SELECT;
            case INDIRECT -> OFGroupType.INDIRECT;
            case FAST_FAILOVER -> OFGroupType.FF;
        };
    }

    public static Group.Type groupType(OFGroupType t) {
        return switch (t) {
            case ALL -> Group.Type.ALL;
            case SELECT -> Group.Type.SELECT;
            case INDIRECT -> Group.Type.INDIRECT;
            case FF -> Group.Type.FAST_FAILOVER;
        };
    }
}
