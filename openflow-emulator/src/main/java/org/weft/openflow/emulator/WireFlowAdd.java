package org.weft.openflow.emulator;

import com.google.common.collect.ImmutableList;
import io.netty.buffer.ByteBuf;
import java.util.List;
import org.weft.net.Dpid;
import org.weft.net.MacAddress;
import org.weft.net.PortNumber;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;

/**
 * An OpenFlow 1.0 or 1.3 flow-mod ADD of the commonest shape (an exact destination-MAC match and
 * nothing else, outputs to physical ports or, in 1.3, a group, no buffer id), read straight off the
 * frame without Loxi's full parse: the emulator's lean path for bulk flow installation. A single
 * output goes into the table as primitives ({@link FakeFlowTable#addEthDst}); several become a
 * rule. Every other flow-mod, and every frame of this shape the reader is not sure of, goes through
 * Loxi and {@link WireEntries} as before, so the lean path only ever yields the entry the full path
 * would.
 *
 * @param port the single output port, or -1 when {@code outputs} holds the actions
 * @param outputs the actions (several outputs, or a group) when not a single output, else null
 */
record WireFlowAdd(
        long xid,
        int table,
        int priority,
        long mac,
        long port,
        List<FlowAction> outputs,
        int idleTimeout,
        int hardTimeout,
        long cookie) {

    private static final int OF10 = 0x01;
    private static final int OF13 = 0x04;
    private static final int FLOW_MOD = 14;
    private static final int OFPFC_ADD = 0;
    private static final int NO_BUFFER = 0xffffffff;

    private static final int OF10_FIXED_LENGTH = 72;

    /** OFPFW_DL_DST: the one wildcard bit the lean path wants clear. */
    private static final int WILDCARD_DL_DST = 1 << 3;

    /** Every other single-bit wildcard (in_port, vlan, dl_src, dl_type, nw_proto, tp, pcp, tos). */
    private static final int OTHER_WILDCARDS =
            1 | 1 << 1 | 1 << 2 | 1 << 4 | 1 << 5 | 1 << 6 | 1 << 7 | 1 << 20 | 1 << 21;

    private static final int OF10_OUTPUT_LENGTH = 8;

    /** OFPP_MAX (1.0): ports above are reserved ones, left to the full path. */
    private static final int OF10_MAX_PHYSICAL_PORT = 0xff00;

    /** OpenFlow 1.3: the fixed part, then an OXM match holding eth_dst alone (padded to 16). */
    private static final int OF13_MATCH_AT = 48;

    private static final int OF13_INSTRUCTIONS_AT = OF13_MATCH_AT + 16;
    private static final int OFPMT_OXM = 1;
    private static final int ETH_DST_MATCH_LENGTH = 4 + 4 + 6;

    /** OXM_OF_ETH_DST: class OPENFLOW_BASIC, field 3, no mask, 6 bytes. */
    private static final int OXM_ETH_DST = 0x8000_0606;

    private static final int OFPIT_APPLY_ACTIONS = 4;
    private static final int INSTRUCTION_HEADER = 8;
    private static final int OF13_OUTPUT_LENGTH = 16;

    /** OFPP_MAX (1.3). */
    private static final long OF13_MAX_PHYSICAL_PORT = 0xffffff00L;

    private static final int OFPAT_OUTPUT = 0;

    /** OFPAT_GROUP (1.3): type, length 8, group id. */
    private static final int OFPAT_GROUP = 22;

    private static final int GROUP_ACTION_LENGTH = 8;

    /** OFPG_MAX: group ids above are reserved ones, left to the full path. */
    private static final long MAX_GROUP = 0xffffff00L;

    /** The entry as the full path builds it. */
    FlowRule rule(Dpid dpid) {
        return new FlowRule(
                dpid,
                table,
                priority,
                FlowMatch.ethDstOnly(MacAddress.of(mac)),
                outputs != null ? outputs : List.of(FlowAction.output(PortNumber.of(port))),
                idleTimeout,
                hardTimeout,
                cookie);
    }

    /**
     * The ADD the frame of {@code length} bytes at {@code start} carries, or null when it is not a
     * flow-mod of the lean shape (the caller then parses it with Loxi). Reads by absolute index;
     * the buffer's indexes are left as they were.
     */
    static WireFlowAdd read(ByteBuf in, int start, int length) {
        if (length < OF10_FIXED_LENGTH || in.getUnsignedByte(start + 1) != FLOW_MOD) {
            return null;
        }
        int version = in.getUnsignedByte(start);
        if (version == OF10) {
            return readOf10(in, start, length);
        }
        return version == OF13 ? readOf13(in, start, length) : null;
    }

    private static WireFlowAdd readOf10(ByteBuf in, int start, int length) {
        if (in.getUnsignedShort(start + 56) != OFPFC_ADD || in.getInt(start + 64) != NO_BUFFER) {
            return null;
        }
        int wildcards = in.getInt(start + 8);
        int nwSrcBits = (wildcards >>> 8) & 0x3f;
        int nwDstBits = (wildcards >>> 14) & 0x3f;
        if ((wildcards & WILDCARD_DL_DST) != 0
                || (wildcards & OTHER_WILDCARDS) != OTHER_WILDCARDS
                || nwSrcBits < 32
                || nwDstBits < 32) {
            return null;
        }
        int actions = start + OF10_FIXED_LENGTH;
        long single =
                length - OF10_FIXED_LENGTH == OF10_OUTPUT_LENGTH ? port(in, actions, false) : -1;
        List<FlowAction> ports = single > 0 ? null : outputs(in, actions, start + length, false);
        if (single <= 0 && ports == null) {
            return null;
        }
        return of(
                single,
                in.getUnsignedInt(start + 4),
                0,
                in.getUnsignedShort(start + 62),
                ((long) in.getUnsignedShort(start + 20) << 32) | in.getUnsignedInt(start + 22),
                ports,
                in.getUnsignedShort(start + 58),
                in.getUnsignedShort(start + 60),
                in.getLong(start + 48));
    }

    private static WireFlowAdd readOf13(ByteBuf in, int start, int length) {
        int table = in.getUnsignedByte(start + 24);
        if (in.getUnsignedByte(start + 25) != OFPFC_ADD
                || table >= 0xff
                || in.getInt(start + 32) != NO_BUFFER
                || in.getUnsignedShort(start + OF13_MATCH_AT) != OFPMT_OXM
                || in.getUnsignedShort(start + OF13_MATCH_AT + 2) != ETH_DST_MATCH_LENGTH
                || in.getInt(start + OF13_MATCH_AT + 4) != OXM_ETH_DST
                || length < OF13_INSTRUCTIONS_AT + INSTRUCTION_HEADER) {
            return null;
        }
        int instruction = start + OF13_INSTRUCTIONS_AT;
        if (in.getUnsignedShort(instruction) != OFPIT_APPLY_ACTIONS
                || in.getUnsignedShort(instruction + 2) != length - OF13_INSTRUCTIONS_AT) {
            return null;
        }
        int actions = instruction + INSTRUCTION_HEADER;
        long single = -1;
        List<FlowAction> list;
        if (start + length - actions == GROUP_ACTION_LENGTH) {
            list = group(in, actions);
        } else {
            single = start + length - actions == OF13_OUTPUT_LENGTH ? port(in, actions, true) : -1;
            list = single > 0 ? null : outputs(in, actions, start + length, true);
        }
        if (single <= 0 && list == null) {
            return null;
        }
        int mac = start + OF13_MATCH_AT + 8;
        return of(
                single,
                in.getUnsignedInt(start + 4),
                table,
                in.getUnsignedShort(start + 30),
                ((long) in.getUnsignedShort(mac) << 32) | in.getUnsignedInt(mac + 2),
                list,
                in.getUnsignedShort(start + 26),
                in.getUnsignedShort(start + 28),
                in.getLong(start + 8));
    }

    /**
     * The 1.3 group action at {@code at} as the entry's one action; null if it is anything else.
     */
    private static List<FlowAction> group(ByteBuf in, int at) {
        long group = in.getUnsignedInt(at + 4);
        if (in.getUnsignedShort(at) != OFPAT_GROUP
                || in.getUnsignedShort(at + 2) != GROUP_ACTION_LENGTH
                || group > MAX_GROUP) {
            return null;
        }
        return List.of(FlowAction.group((int) group));
    }

    /** The entry, with {@code single} as its output port if positive, else {@code actions}. */
    private static WireFlowAdd of(
            long single,
            long xid,
            int table,
            int priority,
            long mac,
            List<FlowAction> actions,
            int idleTimeout,
            int hardTimeout,
            long cookie) {
        return new WireFlowAdd(
                xid,
                table,
                priority,
                mac,
                single > 0 ? single : -1,
                single > 0 ? null : actions,
                idleTimeout,
                hardTimeout,
                cookie);
    }

    /**
     * The OUTPUT actions to physical ports filling {@code from..to} (at least one), or null when
     * anything else is there.
     */
    private static List<FlowAction> outputs(ByteBuf in, int from, int to, boolean of13) {
        int each = of13 ? OF13_OUTPUT_LENGTH : OF10_OUTPUT_LENGTH;
        int bytes = to - from;
        if (bytes <= 0 || bytes % each != 0) {
            return null;
        }
        ImmutableList.Builder<FlowAction> b = ImmutableList.builderWithExpectedSize(bytes / each);
        for (int at = from; at < to; at += each) {
            long port = port(in, at, of13);
            if (port < 0) {
                return null;
            }
            b.add(FlowAction.output(PortNumber.of(port)));
        }
        return b.build();
    }

    /** The physical port of the OUTPUT action at {@code at}, or -1 for anything else. */
    private static long port(ByteBuf in, int at, boolean of13) {
        int each = of13 ? OF13_OUTPUT_LENGTH : OF10_OUTPUT_LENGTH;
        if (in.getUnsignedShort(at) != OFPAT_OUTPUT || in.getUnsignedShort(at + 2) != each) {
            return -1;
        }
        long port = of13 ? in.getUnsignedInt(at + 4) : in.getUnsignedShort(at + 4);
        if (port == 0 || port >= (of13 ? OF13_MAX_PHYSICAL_PORT : OF10_MAX_PHYSICAL_PORT)) {
            return -1;
        }
        return port;
    }
}
