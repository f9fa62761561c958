package org.weft.openflow.golden;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.weft.net.PortNumber;
import org.weft.net.flow.Cookies;
import org.weft.net.flow.FlowAction;
import org.weft.net.packet.OutboundPacket;
import org.weft.openflow.OfConfig;
import org.weft.openflow.channel.SwitchScript;
import org.weft.openflow.provider.OfFlowRuleManager;
import org.weft.openflow.provider.OfPacketManager;
import org.weft.openflow.provider.OfStatsManager;
import org.weft.openflow.provider.PacketInWorkers;

/**
 * The golden fixtures of messages the driver makes itself, captured from a scripted switch on an
 * embedded channel: the handshake (HELLO, FEATURES_REQUEST, PORT_DESC request, SET_CONFIG, the
 * table-miss flow, the role request, the barrier), keepalive echoes, echo replies, the services'
 * stats requests and packet-outs, and the errors Weft answers a misbehaving switch with. Xids are
 * the driver's own: fixed for the handshake, the first of a fresh switch (0x100) after it.
 */
final class GoldenSessionCases {

    static final long DPID = 0x2a;

    /** An ARP request from 10.0.0.1 for 10.0.0.2, padded to 60 bytes. */
    static final byte[] ARP_FRAME =
            HexFormat.of()
                    .parseHex(
                            "ffffffffffff00000000000108060001080006040001000000000001"
                                    + "0a000001000000000000"
                                    + "0a000002"
                                    + "000000000000000000000000000000000000");

    private GoldenSessionCases() {}

    /** Every session message of a version; the handshake's configuration claims a role. */
    static List<GoldenCase> all(OFVersion v) {
        List<GoldenCase> out = new ArrayList<>();
        String dir = GoldenFlowCases.dir(v);
        OfConfig config = withRoleRequest(OfConfig.defaults());
        try (SwitchScript s = SwitchScript.connect(config)) {
            OFFactory f = OFFactories.getFactory(v);
            byte[] hello = s.frames().get(0);
            if (v == OFVersion.OF_13) {
                out.add(new GoldenCase("of13/hello", "HELLO, versions 1.0 and 1.3", hello));
            }
            s.send(SwitchScript.hello(v));
            take(out, dir, "features-request", "FEATURES_REQUEST xid 1", s.frames());
            s.send(
                    f.buildFeaturesReply()
                            .setXid(1)
                            .setDatapathId(org.projectfloodlight.openflow.types.DatapathId.of(DPID))
                            .build());
            if (v != OFVersion.OF_10) {
                take(out, dir, "port-desc-request", "PORT_DESC request xid 2", s.frames());
                s.send(f.buildPortDescStatsReply().setXid(2).build());
            }
            List<byte[]> config13 = s.frames();
            int i = 0;
            take(out, dir, "set-config", "SET_CONFIG miss_send_len 65535", config13.get(i++));
            if (v != OFVersion.OF_10) {
                take(out, dir, "flow-add-table-miss", "table-miss flow", config13.get(i++));
                take(out, dir, "role-request", "ROLE_REQUEST MASTER", config13.get(i++));
            }
            take(out, dir, "barrier-request", "configuration barrier", config13.get(i++));
            s.send(f.buildBarrierReply().setXid(v == OFVersion.OF_10 ? 4 : 6).build());
            if (!s.frames().isEmpty() || !s.isActive()) {
                throw new IllegalStateException("handshake did not end active");
            }
            s.send(
                    f.buildEchoRequest()
                            .setXid(0x42)
                            .setData("weft".getBytes(StandardCharsets.US_ASCII))
                            .build());
            take(out, dir, "echo-reply", "ECHO_REPLY to xid 0x42 with data 'weft'", s.frames());
            services(out, dir, s);
            List<byte[]> echo = List.of();
            for (int half = 0; half < 8 && echo.isEmpty(); half++) {
                s.advance(config.echoInterval().dividedBy(2));
                echo = s.frames();
            }
            take(out, dir, "echo-request", "keepalive ECHO_REQUEST after silence", echo);
            s.sendHex((v == OFVersion.OF_10 ? "01" : "04") + "63001000000077" + "0001020304050607");
            take(out, dir, "error-bad-request-bad-type", "BAD_REQUEST/BAD_TYPE", s.frames());
            bufferedPacketOut(out, dir, s);
        }
        return out;
    }

    /** Stats requests and packet-outs from the services, each with the switch's next xid. */
    private static void services(List<GoldenCase> out, String dir, SwitchScript s) {
        OfStatsManager stats = new OfStatsManager(s.registry());
        org.weft.net.Dpid dpid = org.weft.net.Dpid.of(DPID);
        stats.getFlowEntries(dpid);
        take(out, dir, "flow-stats-request-all", "flow stats, every entry", s.frames());
        stats.getFlowEntries(dpid, Cookies.ROUTING_APP);
        take(out, dir, "flow-stats-request-app", "flow stats of app 2 (cookie mask)", s.frames());
        stats.getPortStatistics(dpid);
        take(out, dir, "port-stats-request", "port stats, every port", s.frames());
        stats.getGroups(dpid);
        List<byte[]> groups = s.frames();
        if (!groups.isEmpty()) {
            take(out, dir, "group-desc-request", "group descriptions", groups);
        }
        try (PacketInWorkers workers = new PacketInWorkers(1, 16)) {
            OfPacketManager packets =
                    new OfPacketManager(s.registry(), new OfFlowRuleManager(s.registry()), workers);
            packets.emit(
                    new OutboundPacket(
                            dpid, PortNumber.CONTROLLER, List.of(FlowAction.output(3)), ARP_FRAME));
            take(out, dir, "packet-out", "ARP out of port 3, from the controller", s.frames());
            packets.emit(
                    new OutboundPacket(
                            dpid,
                            PortNumber.of(1),
                            List.of(FlowAction.output(PortNumber.FLOOD)),
                            ARP_FRAME));
            take(out, dir, "packet-out-flood", "ARP flooded, as if in on port 1", s.frames());
        }
    }

    /** A packet-out naming the switch's buffer (last: the xids of the cases above stay put). */
    private static void bufferedPacketOut(List<GoldenCase> out, String dir, SwitchScript s) {
        try (PacketInWorkers workers = new PacketInWorkers(1, 16)) {
            OfPacketManager packets =
                    new OfPacketManager(s.registry(), new OfFlowRuleManager(s.registry()), workers);
            packets.emit(
                    new OutboundPacket(
                            org.weft.net.Dpid.of(DPID),
                            PortNumber.of(1),
                            List.of(FlowAction.output(2)),
                            ARP_FRAME,
                            OptionalInt.of(GoldenFlowCases.BUFFER_ID)));
            take(
                    out,
                    dir,
                    "packet-out-buffered",
                    "the packet the switch buffered, out of port 2 (no data)",
                    s.frames());
        }
    }

    private static void take(
            List<GoldenCase> out, String dir, String name, String what, List<byte[]> frames) {
        if (frames.size() != 1) {
            throw new IllegalStateException(
                    name + ": expected one frame from the driver, got " + frames.size());
        }
        take(out, dir, name, what, frames.get(0));
    }

    private static void take(
            List<GoldenCase> out, String dir, String name, String what, byte[] frame) {
        out.add(new GoldenCase(dir + "/" + name, what, frame));
    }

    /** A switch offering only OpenFlow 1.4 gets HELLO_FAILED in its own version. */
    static List<GoldenCase> helloFailed() {
        try (SwitchScript s = SwitchScript.connect(OfConfig.defaults())) {
            s.frames();
            s.send(SwitchScript.hello(OFVersion.OF_14));
            List<GoldenCase> out = new ArrayList<>();
            take(
                    out,
                    "of14",
                    "error-hello-failed",
                    "HELLO_FAILED/INCOMPATIBLE to an OpenFlow 1.4-only switch",
                    s.frames());
            return out;
        }
    }

    static OfConfig withRoleRequest(OfConfig c) {
        return new OfConfig(
                c.bindAddress(),
                c.ports(),
                c.handshakeTimeout(),
                c.echoInterval(),
                c.echoMissLimit(),
                c.duplicateProbeTimeout(),
                c.missSendLen(),
                true,
                c.workerThreads(),
                c.tls(),
                c.limits());
    }
}
