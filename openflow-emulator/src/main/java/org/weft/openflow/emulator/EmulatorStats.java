package org.weft.openflow.emulator;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLongArray;
import org.projectfloodlight.openflow.protocol.OFBadRequestCode;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFFlowStatsRequest;
import org.projectfloodlight.openflow.protocol.OFGroupDescStatsEntry;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortStatsEntry;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.OFStatsRequest;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.OFErrorCauseData;
import org.projectfloodlight.openflow.types.U64;
import org.weft.net.PortNumber;
import org.weft.net.flow.Group;

/** The emulator's answers to stats (multipart) requests; long answers are split into parts. */
final class EmulatorStats {

    /** Entries per reply part, small enough that tests exercise multipart reassembly. */
    static final int ENTRIES_PER_PART = 100;

    /**
     * Bytes of group descriptions per reply part: a message's length field has 16 bits, so a part
     * must stay under 64 KiB (Open vSwitch splits its replies at that size too).
     */
    static final int GROUP_DESC_BYTES_PER_PART = 60_000;

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
            case FLOW -> flows(sw, f, xid, (OFFlowStatsRequest) req);
            case PORT ->
                    List.of(
                            f.buildPortStatsReply()
                                    .setXid(xid)
                                    .setEntries(
                                            sw.ports().stream()
                                                    .map(p -> portStats(sw, f, p.number()))
                                                    .toList())
                                    .build());
            case GROUP_DESC -> groupDescs(sw, f, xid);
            case METER_FEATURES ->
                    List.of(
                            f.buildMeterFeaturesStatsReply()
                                    .setXid(xid)
                                    .setFeatures(
                                            f.buildMeterFeatures()
                                                    .setMaxMeter(sw.tables() > 1 ? 64 : 0)
                                                    .setBandTypes(1L << 1)
                                                    .setCapabilities(1 | 4 | 8)
                                                    .setMaxBands((short) 1)
                                                    .setMaxColor((short) 0)
                                                    .build())
                                    .build());
            case METER ->
                    List.of(
                            f.buildMeterStatsReply()
                                    .setXid(xid)
                                    .setEntries(
                                            sw.meters().keySet().stream()
                                                    .map(
                                                            id ->
                                                                    f.buildMeterStats()
                                                                            .setMeterId(id)
                                                                            .setBandStats(
                                                                                    List.of(
                                                                                            f.buildMeterBandStats()
                                                                                                    .build()))
                                                                            .build())
                                                    .toList())
                                    .build());
            default ->
                    List.of(
                            f.errorMsgs()
                                    .buildBadRequestErrorMsg()
                                    .setXid(xid)
                                    .setCode(OFBadRequestCode.BAD_STAT)
                                    .setData(OFErrorCauseData.NONE)
                                    .build());
        };
    }

    private static OFPortStatsEntry portStats(EmulatedSwitch sw, OFFactory f, PortNumber port) {
        AtomicLongArray c = sw.portCounters().of(port);
        return f.buildPortStatsEntry()
                .setPortNo(EmulatorPorts.wire(port))
                .setRxPackets(U64.of(c.get(EmulatedPortCounters.RX_PACKETS)))
                .setTxPackets(U64.of(c.get(EmulatedPortCounters.TX_PACKETS)))
                .setRxBytes(U64.of(c.get(EmulatedPortCounters.RX_BYTES)))
                .setTxBytes(U64.of(c.get(EmulatedPortCounters.TX_BYTES)))
                .build();
    }

    /** Flow stats, filtered by the request's cookie and cookie mask on OpenFlow 1.1+. */
    private static List<OFMessage> flows(
            EmulatedSwitch sw, OFFactory f, long xid, OFFlowStatsRequest req) {
        long cookie = 0;
        long mask = 0;
        if (f.getVersion() != OFVersion.OF_10) {
            cookie = req.getCookie().getValue();
            mask = req.getCookieMask().getValue();
        }
        long c = cookie;
        long m = mask;
        List<OFFlowStatsEntry> entries =
                sw.table().flows().stream()
                        .filter(r -> (r.cookie() & m) == (c & m))
                        .map(r -> WireEntries.flowStats(f, r))
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

    /** Group descriptions, in parts of at most {@link #GROUP_DESC_BYTES_PER_PART} bytes. */
    private static List<OFMessage> groupDescs(EmulatedSwitch sw, OFFactory f, long xid) {
        List<List<OFGroupDescStatsEntry>> parts = new ArrayList<>();
        List<OFGroupDescStatsEntry> part = new ArrayList<>();
        int bytes = 0;
        ByteBuf scratch = Unpooled.buffer();
        for (Group g : sw.table().groups()) {
            OFGroupDescStatsEntry e = WireEntries.groupDesc(f, g);
            scratch.clear();
            e.writeTo(scratch);
            int size = scratch.readableBytes();
            if (!part.isEmpty() && bytes + size > GROUP_DESC_BYTES_PER_PART) {
                parts.add(part);
                part = new ArrayList<>();
                bytes = 0;
            }
            part.add(e);
            bytes += size;
        }
        parts.add(part);
        List<OFMessage> replies = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            replies.add(
                    f.buildGroupDescStatsReply()
                            .setXid(xid)
                            .setFlags(
                                    i < parts.size() - 1
                                            ? EnumSet.of(OFStatsReplyFlags.REPLY_MORE)
                                            : EnumSet.noneOf(OFStatsReplyFlags.class))
                            .setEntries(parts.get(i))
                            .build());
        }
        return replies;
    }
}
