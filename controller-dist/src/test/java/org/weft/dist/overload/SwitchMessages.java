package org.weft.dist.overload;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.projectfloodlight.openflow.protocol.OFBadRequestCode;
import org.projectfloodlight.openflow.protocol.OFCapabilities;
import org.projectfloodlight.openflow.protocol.OFEchoRequest;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortFeatures;
import org.projectfloodlight.openflow.protocol.OFPortState;
import org.projectfloodlight.openflow.protocol.OFRoleRequest;
import org.projectfloodlight.openflow.protocol.OFStatsRequest;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFErrorCauseData;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

/**
 * The OpenFlow 1.3 messages a {@link RawSwitch} writes, built with Loxi: encoding to bytes, what a
 * well-behaved switch answers to the controller's requests, its port descriptions, and packet-ins.
 */
final class SwitchMessages {

    static final OFFactory OF13 = OFFactories.getFactory(OFVersion.OF_13);

    private SwitchMessages() {}

    static byte[] encode(OFMessage m) {
        ByteBuf buf = Unpooled.buffer(256);
        m.writeTo(buf);
        byte[] b = new byte[buf.readableBytes()];
        buf.readBytes(b);
        return b;
    }

    /** Encodes many messages into one byte array, to be written with one system call. */
    static byte[] encodeAll(List<? extends OFMessage> messages) {
        ByteBuf buf = Unpooled.buffer(256 * messages.size());
        messages.forEach(m -> m.writeTo(buf));
        byte[] b = new byte[buf.readableBytes()];
        buf.readBytes(b);
        return b;
    }

    /** What a well-behaved switch answers to a controller message (nothing for most). */
    static List<OFMessage> politeAnswer(long dpid, int portCount, OFMessage m) {
        long xid = m.getXid();
        return switch (m.getType()) {
            case ECHO_REQUEST ->
                    List.of(
                            OF13.buildEchoReply()
                                    .setXid(xid)
                                    .setData(((OFEchoRequest) m).getData())
                                    .build());
            case FEATURES_REQUEST ->
                    List.of(
                            OF13.buildFeaturesReply()
                                    .setXid(xid)
                                    .setDatapathId(DatapathId.of(dpid))
                                    .setNBuffers(0)
                                    .setNTables((short) 1)
                                    .setCapabilities(
                                            EnumSet.of(
                                                    OFCapabilities.FLOW_STATS,
                                                    OFCapabilities.PORT_STATS))
                                    .build());
            case BARRIER_REQUEST -> List.of(OF13.buildBarrierReply().setXid(xid).build());
            case GET_CONFIG_REQUEST ->
                    List.of(OF13.buildGetConfigReply().setXid(xid).setMissSendLen(0xffff).build());
            case ROLE_REQUEST ->
                    List.of(
                            OF13.buildRoleReply()
                                    .setXid(xid)
                                    .setRole(((OFRoleRequest) m).getRole())
                                    .setGenerationId(((OFRoleRequest) m).getGenerationId())
                                    .build());
            case STATS_REQUEST -> List.of(statsAnswer(dpid, portCount, (OFStatsRequest<?>) m));
            default -> List.of();
        };
    }

    private static OFMessage statsAnswer(long dpid, int portCount, OFStatsRequest<?> req) {
        long xid = req.getXid();
        return switch (req.getStatsType()) {
            case PORT_DESC ->
                    OF13.buildPortDescStatsReply()
                            .setXid(xid)
                            .setEntries(ports(dpid, portCount))
                            .build();
            case FLOW -> OF13.buildFlowStatsReply().setXid(xid).setEntries(List.of()).build();
            case GROUP_DESC ->
                    OF13.buildGroupDescStatsReply().setXid(xid).setEntries(List.of()).build();
            case GROUP -> OF13.buildGroupStatsReply().setXid(xid).setEntries(List.of()).build();
            case PORT -> {
                List<org.projectfloodlight.openflow.protocol.OFPortStatsEntry> entries =
                        new ArrayList<>();
                for (int p = 1; p <= portCount; p++) {
                    entries.add(OF13.buildPortStatsEntry().setPortNo(OFPort.of(p)).build());
                }
                yield OF13.buildPortStatsReply().setXid(xid).setEntries(entries).build();
            }
            default ->
                    OF13.errorMsgs()
                            .buildBadRequestErrorMsg()
                            .setXid(xid)
                            .setCode(OFBadRequestCode.BAD_STAT)
                            .setData(OFErrorCauseData.NONE)
                            .build();
        };
    }

    /** Port descriptions of ports 1 to {@code portCount}, all live. */
    static List<OFPortDesc> ports(long dpid, int portCount) {
        List<OFPortDesc> ports = new ArrayList<>();
        for (int p = 1; p <= portCount; p++) {
            ports.add(portDesc(dpid, p));
        }
        return ports;
    }

    /** Port {@code number} of switch {@code dpid}: live, 10 Gb/s, a MAC derived from both. */
    static OFPortDesc portDesc(long dpid, long number) {
        return OF13.buildPortDesc()
                .setPortNo(OFPort.of((int) number))
                .setHwAddr(MacAddress.of(0x020000000000L | (dpid & 0xffffff) << 16 | number))
                .setName("p" + number)
                .setState(EnumSet.of(OFPortState.LIVE))
                .setCurr(EnumSet.of(OFPortFeatures.PF_10GB_FD))
                .setCurrSpeed(10_000_000)
                .setMaxSpeed(10_000_000)
                .build();
    }

    /** A table-miss packet-in of {@code frame} received on {@code inPort}. */
    static OFMessage packetIn(long xid, int inPort, byte[] frame) {
        return OF13.buildPacketIn()
                .setXid(xid)
                .setBufferId(OFBufferId.NO_BUFFER)
                .setMatch(OF13.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(inPort)).build())
                .setTableId(TableId.of(0))
                .setCookie(U64.ZERO)
                .setReason(OFPacketInReason.NO_MATCH)
                .setTotalLen(frame.length)
                .setData(frame)
                .build();
    }
}
