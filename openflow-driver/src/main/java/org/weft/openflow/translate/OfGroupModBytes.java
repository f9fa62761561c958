package org.weft.openflow.translate;

import io.netty.buffer.ByteBuf;
import java.util.List;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.Group;
import org.weft.net.flow.GroupOperation;

/**
 * The OpenFlow 1.3 group-mod of the commonest groups (buckets of outputs and groups: routing's
 * select and fast-failover groups) written straight into a buffer, byte for byte what Loxi writes
 * for {@link OfFlowMods#toGroupMod}'s message, without building Loxi's buckets, actions or
 * group-mod; with the OpenFlow 1.3 action list of {@link OfFlowModBytes}. Any other group is left
 * to {@link OfFlowMods#toGroupMod}.
 */
final class OfGroupModBytes {

    private static final int OF13 = 0x04;
    private static final int GROUP_MOD = 15;
    private static final int HEADER_AND_FIXED = 16;
    private static final int BUCKET_FIXED = 16;
    private static final int ANY = 0xffff_ffff;

    private OfGroupModBytes() {}

    /** Whether {@code op} has the shape written here. */
    static boolean handles(OFVersion version, GroupOperation op) {
        if (version != OFVersion.OF_13) {
            return false;
        }
        for (Group.Bucket b : op.group().buckets()) {
            if (!outputsAndGroups(b.actions())) {
                return false;
            }
        }
        return true;
    }

    /** Writes the group-mod of an operation {@link #handles} accepted. */
    static void write(GroupOperation op, long xid, ByteBuf out) {
        Group g = op.group();
        boolean remove = op.type() == GroupOperation.Type.REMOVE;
        int length = HEADER_AND_FIXED;
        if (!remove) {
            for (Group.Bucket b : g.buckets()) {
                length += BUCKET_FIXED + actionsLength(b.actions());
            }
        }
        out.writeByte(OF13).writeByte(GROUP_MOD).writeShort(length).writeInt((int) xid);
        out.writeShort(
                switch (op.type()) {
                    case ADD -> 0;
                    case MODIFY -> 1;
                    case REMOVE -> 2;
                });
        out.writeByte(
                switch (g.type()) {
                    case ALL -> 0;
                    case SELECT -> 1;
                    case INDIRECT -> 2;
                    case FAST_FAILOVER -> 3;
                });
        out.writeByte(0); // pad
        out.writeInt(g.groupId());
        if (remove) {
            return;
        }
        for (Group.Bucket b : g.buckets()) {
            out.writeShort(BUCKET_FIXED + actionsLength(b.actions()));
            out.writeShort(g.type() == Group.Type.SELECT ? b.weight() : 0);
            out.writeInt(b.watchPort() == null ? ANY : (int) b.watchPort().value());
            out.writeInt(ANY); // watch_group
            out.writeInt(0); // pad
            writeActions(b.actions(), out);
        }
    }

    /** Whether every action is an output or a group (the actions written here). */
    static boolean outputsAndGroups(List<FlowAction> actions) {
        for (int i = 0; i < actions.size(); i++) {
            FlowAction a = actions.get(i);
            if (!(a instanceof FlowAction.Output) && !(a instanceof FlowAction.ToGroup)) {
                return false;
            }
        }
        return true;
    }

    /** The OpenFlow 1.3 length of outputs and groups. */
    static int actionsLength(List<FlowAction> actions) {
        int n = 0;
        for (int i = 0; i < actions.size(); i++) {
            n +=
                    actions.get(i) instanceof FlowAction.Output
                            ? OfFlowModBytes.OF13_OUTPUT
                            : OfFlowModBytes.OF13_GROUP;
        }
        return n;
    }

    /** Writes outputs and groups as OpenFlow 1.3 actions. */
    static void writeActions(List<FlowAction> actions, ByteBuf out) {
        for (int i = 0; i < actions.size(); i++) {
            if (actions.get(i) instanceof FlowAction.Output o) {
                out.writeShort(OfFlowModBytes.OFPAT_OUTPUT).writeShort(OfFlowModBytes.OF13_OUTPUT);
                out.writeInt((int) o.port().value());
                out.writeShort(OfActions.MAX_LEN_NO_BUFFER);
                out.writeZero(6);
            } else {
                out.writeShort(OfFlowModBytes.OFPAT_GROUP).writeShort(OfFlowModBytes.OF13_GROUP);
                out.writeInt(((FlowAction.ToGroup) actions.get(i)).groupId());
            }
        }
    }
}
