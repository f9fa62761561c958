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
 * An OpenFlow 1.0 flow-mod ADD of the commonest shape (an exact destination-MAC match, outputs to
 * physical ports, no buffer id), read straight off the frame into the table entry it adds, without
 * Loxi's full parse: the emulator's lean path for bulk flow installation. Every other flow-mod, and
 * every frame of this shape the reader is not sure of, goes through Loxi and {@link WireEntries} as
 * before, so the lean path only ever yields the entry the full path would.
 */
record WireFlowAdd(long xid, FlowRule rule) {

    private static final int OF10 = 0x01;
    private static final int FLOW_MOD = 14;
    private static final int OFPFC_ADD = 0;
    private static final int FIXED_LENGTH = 72;
    private static final int NO_BUFFER = 0xffffffff;

    /** OFPFW_DL_DST: the one wildcard bit the lean path wants clear. */
    private static final int WILDCARD_DL_DST = 1 << 3;

    /** Every other single-bit wildcard (in_port, vlan, dl_src, dl_type, nw_proto, tp, pcp, tos). */
    private static final int OTHER_WILDCARDS =
            1 | 1 << 1 | 1 << 2 | 1 << 4 | 1 << 5 | 1 << 6 | 1 << 7 | 1 << 20 | 1 << 21;

    private static final int OFPAT_OUTPUT = 0;
    private static final int ACTION_OUTPUT_LENGTH = 8;

    /** OFPP_MAX: ports above are reserved ones, left to the full path. */
    private static final int MAX_PHYSICAL_PORT = 0xff00;

    /** Single-output action lists, shared by the entries of one decoder (ports 0..63). */
    static final class Outputs {
        @SuppressWarnings("unchecked")
        private final List<FlowAction>[] single = new List[64];

        List<FlowAction> output(int port) {
            if (port >= single.length) {
                return ImmutableList.of(FlowAction.output(PortNumber.of(port)));
            }
            List<FlowAction> l = single[port];
            if (l == null) {
                l = ImmutableList.of(FlowAction.output(PortNumber.of(port)));
                single[port] = l;
            }
            return l;
        }
    }

    /**
     * The ADD the frame of {@code length} bytes at {@code start} carries, or null when it is not a
     * flow-mod of the lean shape (the caller then parses it with Loxi). Reads by absolute index;
     * the buffer's indexes are left as they were.
     */
    static WireFlowAdd read(ByteBuf in, int start, int length, Dpid dpid, Outputs outputs) {
        if (length < FIXED_LENGTH
                || in.getUnsignedByte(start) != OF10
                || in.getUnsignedByte(start + 1) != FLOW_MOD
                || in.getUnsignedShort(start + 56) != OFPFC_ADD
                || in.getInt(start + 64) != NO_BUFFER) {
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
        int actionsLength = length - FIXED_LENGTH;
        if (actionsLength <= 0 || actionsLength % ACTION_OUTPUT_LENGTH != 0) {
            return null;
        }
        List<FlowAction> actions;
        if (actionsLength == ACTION_OUTPUT_LENGTH) {
            int port = output(in, start + FIXED_LENGTH);
            if (port < 0) {
                return null;
            }
            actions = outputs.output(port);
        } else {
            ImmutableList.Builder<FlowAction> b = ImmutableList.builder();
            for (int at = FIXED_LENGTH; at < length; at += ACTION_OUTPUT_LENGTH) {
                int port = output(in, start + at);
                if (port < 0) {
                    return null;
                }
                b.add(FlowAction.output(PortNumber.of(port)));
            }
            actions = b.build();
        }
        long mac = ((long) in.getUnsignedShort(start + 20) << 32) | in.getUnsignedInt(start + 22);
        FlowMatch match = FlowMatch.ethDstOnly(MacAddress.of(mac));
        FlowRule rule =
                new FlowRule(
                        dpid,
                        0,
                        in.getUnsignedShort(start + 62),
                        match,
                        actions,
                        in.getUnsignedShort(start + 58),
                        in.getUnsignedShort(start + 60),
                        in.getLong(start + 48));
        return new WireFlowAdd(in.getUnsignedInt(start + 4), rule);
    }

    /** The physical port of an OUTPUT action at {@code at}, or -1 for anything else. */
    private static int output(ByteBuf in, int at) {
        if (in.getUnsignedShort(at) != OFPAT_OUTPUT
                || in.getUnsignedShort(at + 2) != ACTION_OUTPUT_LENGTH) {
            return -1;
        }
        int port = in.getUnsignedShort(at + 4);
        return port == 0 || port >= MAX_PHYSICAL_PORT ? -1 : port;
    }
}
