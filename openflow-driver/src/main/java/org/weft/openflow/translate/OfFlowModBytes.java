package org.weft.openflow.translate;

import io.netty.buffer.ByteBuf;
import java.util.List;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.weft.net.PortNumber;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;

/**
 * The flow-mod of the commonest rules (an exact destination-MAC match, perhaps with an ingress
 * port, and outputs, or on OpenFlow 1.3 outputs and groups: routing's host and u-turn rules)
 * written straight into a buffer, byte for byte what Loxi writes for {@link OfFlowMods#toFlowMod}'s
 * message, without building Loxi's match, actions or flow-mod: the bulk installation path. Any
 * other rule is left to {@link OfFlowMods#toFlowMod}.
 */
final class OfFlowModBytes {

    private static final int OF10 = 0x01;
    private static final int OF13 = 0x04;
    private static final int FLOW_MOD = 14;

    /** OFPFW_ALL without OFPFW_DL_DST: every field but dl_dst wildcarded. */
    private static final int OF10_WILDCARDS_ETH_DST = 0x003f_ffff & ~(1 << 3);

    /** OFPFW_IN_PORT. */
    private static final int OF10_WILDCARD_IN_PORT = 1;

    /** OpenFlow 1.0: OFPP_NONE as out_port; 1.3: OFPP_ANY and OFPG_ANY. */
    private static final int OF10_PORT_NONE = 0xffff;

    private static final int ANY = 0xffff_ffff;
    private static final int OFPMT_OXM = 1;

    /** OXM_OF_ETH_DST: class OPENFLOW_BASIC, field 3, no mask, 6 bytes. */
    private static final int OXM_ETH_DST = 0x8000_0606;

    /** OXM_OF_IN_PORT: class OPENFLOW_BASIC, field 0, no mask, 4 bytes. */
    private static final int OXM_IN_PORT = 0x8000_0004;

    private static final int OFPIT_APPLY_ACTIONS = 4;
    static final int OFPAT_OUTPUT = 0;
    static final int OFPAT_GROUP = 22;
    static final int OF13_GROUP = 8;
    private static final int OF10_FIXED = 72;
    private static final int OF10_OUTPUT = 8;
    private static final int OF13_FIXED_AND_MATCH = 48 + 16;
    static final int OF13_OUTPUT = 16;
    private static final int INSTRUCTION_HEADER = 8;

    /** OpenFlow 1.0 ports above OFPP_MAX that are not a reserved port are left to Loxi. */
    private static final long OF10_MAX_PHYSICAL = 0xff00;

    private static final long FIRST_RESERVED = 0xffff_fff8L;

    private OfFlowModBytes() {}

    /** Whether {@code op} has the shape written here. */
    static boolean handles(OFVersion version, FlowRuleOperation op) {
        FlowRule r = op.rule();
        if ((version != OFVersion.OF_10 && version != OFVersion.OF_13)
                || !r.match().isEthDstAndInPortAtMost()) {
            return false;
        }
        boolean of10 = version == OFVersion.OF_10;
        PortNumber in = r.match().inPort();
        if (in != null && (of10 ? !of10Port(in) : in.value() >= FIRST_RESERVED)) {
            return false;
        }
        return of10 ? of10Outputs(r.actions()) : OfGroupModBytes.outputsAndGroups(r.actions());
    }

    private static boolean of10Outputs(List<FlowAction> actions) {
        for (int i = 0; i < actions.size(); i++) {
            if (!(actions.get(i) instanceof FlowAction.Output o) || !of10Port(o.port())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes the flow-mod of an operation {@link #handles} accepted; nothing when its table is
     * refused.
     *
     * @throws IllegalArgumentException as {@link OfFlowMods#toFlowMod} for the rule's table
     */
    static void write(
            OFVersion version, boolean policyStage, FlowRuleOperation op, long xid, ByteBuf out) {
        FlowRule r = op.rule();
        OfFlowMods.checkTable(version, policyStage, r);
        int table = version == OFVersion.OF_10 ? 0 : OfTables.physical(policyStage, r.tableId());
        int command =
                switch (op.type()) {
                    case ADD -> 0;
                    case MODIFY -> 2;
                    case REMOVE -> 4;
                };
        int buffer = op.bufferId().isPresent() ? op.bufferId().getAsInt() : ANY;
        long mac = r.match().ethDst().value();
        PortNumber in = r.match().inPort();
        List<FlowAction> actions = r.actions();
        if (version == OFVersion.OF_10) {
            out.writeByte(OF10).writeByte(FLOW_MOD);
            out.writeShort(OF10_FIXED + OF10_OUTPUT * actions.size());
            out.writeInt((int) xid);
            if (in == null) {
                out.writeInt(OF10_WILDCARDS_ETH_DST).writeShort(0);
            } else {
                out.writeInt(OF10_WILDCARDS_ETH_DST & ~OF10_WILDCARD_IN_PORT);
                out.writeShort((int) in.value());
            }
            out.writeZero(6); // dl_src
            out.writeShort((int) (mac >>> 32)).writeInt((int) mac);
            out.writeZero(2 + 1 + 1 + 2 + 1 + 1 + 2 + 4 + 4 + 2 + 2);
            out.writeLong(r.cookie());
            out.writeShort(command);
            out.writeShort(r.idleTimeout()).writeShort(r.hardTimeout());
            out.writeShort(r.priority());
            out.writeInt(buffer);
            out.writeShort(OF10_PORT_NONE);
            out.writeShort(0); // flags
            for (int i = 0; i < actions.size(); i++) {
                out.writeShort(OFPAT_OUTPUT).writeShort(OF10_OUTPUT);
                out.writeShort((int) ((FlowAction.Output) actions.get(i)).port().value());
                out.writeShort(OfActions.MAX_LEN_NO_BUFFER);
            }
            return;
        }
        int actionsLength = OfGroupModBytes.actionsLength(actions);
        int applyLength = actions.isEmpty() ? 0 : INSTRUCTION_HEADER + actionsLength;
        int inPortLength = in == null ? 0 : 8;
        out.writeByte(OF13).writeByte(FLOW_MOD);
        out.writeShort(OF13_FIXED_AND_MATCH + inPortLength + applyLength);
        out.writeInt((int) xid);
        out.writeLong(r.cookie());
        out.writeLong(0); // cookie_mask
        out.writeByte(table);
        out.writeByte(command);
        out.writeShort(r.idleTimeout()).writeShort(r.hardTimeout());
        out.writeShort(r.priority());
        out.writeInt(buffer);
        out.writeInt(ANY).writeInt(ANY); // out_port, out_group
        out.writeShort(0).writeShort(0); // flags, pad
        out.writeShort(OFPMT_OXM).writeShort(4 + inPortLength + 4 + 6);
        if (in != null) {
            out.writeInt(OXM_IN_PORT).writeInt((int) in.value());
        }
        out.writeInt(OXM_ETH_DST);
        out.writeShort((int) (mac >>> 32)).writeInt((int) mac);
        out.writeShort(0); // the match's padding to 8 bytes
        if (applyLength > 0) {
            out.writeShort(OFPIT_APPLY_ACTIONS).writeShort(applyLength).writeInt(0);
            OfGroupModBytes.writeActions(actions, out);
        }
    }

    /** OpenFlow 1.0's 16-bit ports: physical ones, and the reserved ones (their low 16 bits). */
    private static boolean of10Port(PortNumber p) {
        return p.value() <= OF10_MAX_PHYSICAL || p.value() >= FIRST_RESERVED;
    }
}
