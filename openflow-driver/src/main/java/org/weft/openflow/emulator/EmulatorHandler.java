package org.weft.openflow.emulator;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.projectfloodlight.openflow.protocol.OFBarrierRequest;
import org.projectfloodlight.openflow.protocol.OFCapabilities;
import org.projectfloodlight.openflow.protocol.OFEchoRequest;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFFlowModCommand;
import org.projectfloodlight.openflow.protocol.OFFlowModFailedCode;
import org.projectfloodlight.openflow.protocol.OFGroupMod;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFRoleRequest;
import org.projectfloodlight.openflow.protocol.OFSetConfig;
import org.projectfloodlight.openflow.protocol.OFStatsRequest;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFErrorCauseData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.PortNumber;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;
import org.weft.openflow.channel.MalformedMessage;
import org.weft.openflow.translate.OfActions;
import org.weft.openflow.translate.OfFlowEntries;
import org.weft.openflow.translate.OfPorts;

/** The emulated switch's side of one connection. */
final class EmulatorHandler extends SimpleChannelInboundHandler<Object> {

    private static final Logger log = LoggerFactory.getLogger(EmulatorHandler.class);

    /** OFPCML_DEFAULT_MISS_SEND_LEN / OFP_DEFAULT_MISS_SEND_LEN. */
    private static final int DEFAULT_MISS_SEND_LEN = 128;

    private final EmulatedSwitch sw;
    private final OFFactory f;
    private final CountDownLatch handshakeDone = new CountDownLatch(1);
    private boolean featuresSent;
    private OFSetConfig config;

    EmulatorHandler(EmulatedSwitch sw) {
        this.sw = sw;
        this.f = sw.factory();
    }

    boolean awaitHandshake(long timeout, TimeUnit unit) throws InterruptedException {
        return handshakeDone.await(timeout, unit);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(f.buildHello().setXid(sw.nextXid()).build());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MalformedMessage m) {
            log.warn("Emulated switch {} got an undecodable message: {}", sw.dpid(), m.reason());
            return;
        }
        OFMessage m = (OFMessage) msg;
        sw.record(m);
        switch (m.getType()) {
            case HELLO, ECHO_REPLY -> {}
            case SET_CONFIG -> config = (OFSetConfig) m;
            case GET_CONFIG_REQUEST -> getConfig(ctx, m.getXid());
            case ECHO_REQUEST -> {
                sw.counters().echoRequests.increment();
                if (!sw.isSilent()) {
                    OFEchoRequest req = (OFEchoRequest) m;
                    ctx.writeAndFlush(
                            f.buildEchoReply().setXid(req.getXid()).setData(req.getData()).build());
                }
            }
            case FEATURES_REQUEST -> features(ctx, m.getXid());
            case STATS_REQUEST -> {
                EmulatorStats.answer(sw, (OFStatsRequest<?>) m).forEach(ctx::write);
                ctx.flush();
            }
            case BARRIER_REQUEST -> barrier(ctx, (OFBarrierRequest) m);
            case FLOW_MOD -> flowMod(ctx, (OFFlowMod) m);
            case GROUP_MOD -> groupMod((OFGroupMod) m);
            case PACKET_OUT -> packetOut((OFPacketOut) m);
            case ROLE_REQUEST ->
                    ctx.writeAndFlush(
                            f.buildRoleReply()
                                    .setXid(m.getXid())
                                    .setRole(((OFRoleRequest) m).getRole())
                                    .setGenerationId(((OFRoleRequest) m).getGenerationId())
                                    .build());
            case ERROR -> sw.counters().errors.increment();
            default -> log.debug("Emulated switch {} ignores {}", sw.dpid(), m.getType());
        }
        MessageHook hook = sw.messageHook();
        if (hook != null) {
            hook.received(sw, m);
        }
    }

    private void packetOut(OFPacketOut po) {
        sw.counters().packetOuts.increment();
        PacketOutHook hook = sw.packetOutHook();
        if (hook != null) {
            PortNumber in =
                    po.getInPort() == null ? PortNumber.CONTROLLER : OfPorts.toCore(po.getInPort());
            hook.packetOut(sw, in, OfActions.toCore(po.getActions()), po.getData());
        }
    }

    private void features(ChannelHandlerContext ctx, long xid) {
        var b =
                f.buildFeaturesReply()
                        .setXid(xid)
                        .setDatapathId(DatapathId.of(sw.dpid().value()))
                        .setNBuffers(0)
                        .setNTables((short) 1)
                        .setCapabilities(
                                java.util.EnumSet.of(
                                        OFCapabilities.FLOW_STATS, OFCapabilities.PORT_STATS));
        if (f.getVersion() == OFVersion.OF_10) {
            b.setPorts(portDescs());
        }
        featuresSent = true;
        ctx.writeAndFlush(b.build());
    }

    /** Answers with the last SET_CONFIG's flags and miss-send length (OpenFlow's 128 before). */
    private void getConfig(ChannelHandlerContext ctx, long xid) {
        OFSetConfig c = config;
        ctx.writeAndFlush(
                f.buildGetConfigReply()
                        .setXid(xid)
                        .setFlags(c == null ? java.util.Set.of() : c.getFlags())
                        .setMissSendLen(c == null ? DEFAULT_MISS_SEND_LEN : c.getMissSendLen())
                        .build());
    }

    private List<OFPortDesc> portDescs() {
        return sw.portMap().values().stream().map(p -> EmulatorPorts.describe(f, p)).toList();
    }

    /** Batches (barriers) seen since batch rejection was set: the current batch's number. */
    private volatile long batch;

    void restartBatchCount() {
        batch = 0;
    }

    private void barrier(ChannelHandlerContext ctx, OFBarrierRequest req) {
        sw.counters().barriers.increment();
        batch++;
        if (sw.isBarrierSilent() && !(featuresSent && handshakeDone.getCount() > 0)) {
            return;
        }
        ctx.writeAndFlush(f.buildBarrierReply().setXid(req.getXid()).build());
        if (featuresSent) {
            handshakeDone.countDown();
        }
    }

    private void flowMod(ChannelHandlerContext ctx, OFFlowMod fm) {
        sw.counters().flowMods.increment();
        OFFlowModFailedCode reject = sw.flowModRejection();
        if (reject == null) {
            reject = sw.batchRejection(batch);
        }
        if (reject != null) {
            byte[] head = new byte[0];
            ctx.writeAndFlush(
                    f.errorMsgs()
                            .buildFlowModFailedErrorMsg()
                            .setXid(fm.getXid())
                            .setCode(reject)
                            .setData(OFErrorCauseData.of(head, f.getVersion()))
                            .build());
            return;
        }
        FlowRule rule = OfFlowEntries.toRule(sw.dpid(), fm);
        FakeFlowTable table = sw.table();
        OFFlowModCommand cmd = fm.getCommand();
        switch (cmd) {
            case ADD -> table.add(rule);
            case MODIFY_STRICT, MODIFY -> table.modify(rule);
            case DELETE_STRICT -> table.removeStrict(rule);
            case DELETE -> table.removeMatching(r -> covers(rule.match(), r.match()));
            default -> log.debug("Emulated switch {} ignores flow-mod command {}", sw.dpid(), cmd);
        }
    }

    /**
     * Non-strict delete semantics for the cases Weft uses: ANY covers everything, else equal
     * matches.
     */
    private static boolean covers(FlowMatch general, FlowMatch specific) {
        return general.equals(FlowMatch.ANY) || general.equals(specific);
    }

    private void groupMod(OFGroupMod gm) {
        sw.counters().groupMods.increment();
        switch (gm.getCommand()) {
            case ADD, MODIFY -> sw.table().putGroup(OfFlowEntries.toGroup(sw.dpid(), gm));
            case DELETE -> sw.table().removeGroup(gm.getGroup().getGroupNumber());
            default ->
                    log.debug(
                            "Emulated switch {} ignores group-mod {}", sw.dpid(), gm.getCommand());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("Emulated switch {} closing after {}", sw.dpid(), cause.toString());
        ctx.close();
    }
}
