package org.weft.openflow.emulator;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.projectfloodlight.openflow.protocol.OFBarrierRequest;
import org.projectfloodlight.openflow.protocol.OFCapabilities;
import org.projectfloodlight.openflow.protocol.OFEchoRequest;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFFlowModCommand;
import org.projectfloodlight.openflow.protocol.OFGroupMod;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFRoleRequest;
import org.projectfloodlight.openflow.protocol.OFSetConfig;
import org.projectfloodlight.openflow.protocol.OFStatsRequest;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.PortNumber;
import org.weft.net.flow.FlowAction;

/** The emulated switch's side of one connection. */
final class EmulatorHandler extends SimpleChannelInboundHandler<Object> {

    private static final Logger log = LoggerFactory.getLogger(EmulatorHandler.class);

    /** OFPCML_DEFAULT_MISS_SEND_LEN / OFP_DEFAULT_MISS_SEND_LEN. */
    private static final int DEFAULT_MISS_SEND_LEN = 128;

    private final EmulatedSwitch sw;
    private final OFFactory f;
    private final CountDownLatch handshakeDone = new CountDownLatch(1);
    private final EmulatorRoles.Connection role;
    private boolean featuresSent;
    private OFSetConfig config;

    EmulatorHandler(EmulatedSwitch sw) {
        this.sw = sw;
        this.f = sw.factory();
        this.role = sw.roles().connect();
    }

    boolean awaitHandshake(long timeout, TimeUnit unit) throws InterruptedException {
        return handshakeDone.await(timeout, unit);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.channel().attr(EmulatorRoles.KEY).set(role);
        ctx.writeAndFlush(f.buildHello().setXid(sw.nextXid()).build());
    }

    /**
     * Whether the decoder may hand flow-mod ADDs over as {@link WireFlowAdd}s: only when nothing
     * needs the Loxi message (no recording, no message hook) and this connection may write.
     */
    boolean leanFlowMods() {
        return !sw.wire().recording() && sw.wire().messageHook() == null && !role.isSlave();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof WireFlowAdd add) {
            flowAdd(ctx, add);
            return;
        }
        OFMessage m = (OFMessage) msg;
        sw.wire().record(m);
        OFMessage refused = EmulatorRoles.refuseIfSlave(f, role, m);
        if (refused != null) {
            sw.counters().slaveWritesRefused.increment();
            ctx.writeAndFlush(refused);
            return;
        }
        switch (m.getType()) {
            case HELLO, ECHO_REPLY -> {}
            case SET_CONFIG -> config = (OFSetConfig) m;
            case GET_CONFIG_REQUEST -> getConfig(ctx, m.getXid());
            case ECHO_REQUEST -> {
                sw.counters().echoRequests.increment();
                if (!sw.faults().silent()) {
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
            case GROUP_MOD -> groupMod(ctx, (OFGroupMod) m);
            case METER_MOD -> meterMod((org.projectfloodlight.openflow.protocol.OFMeterMod) m);
            case PACKET_OUT -> packetOut(ctx, (OFPacketOut) m);
            case ROLE_REQUEST -> ctx.writeAndFlush(sw.roles().request(f, role, (OFRoleRequest) m));
            case ERROR -> sw.counters().errors.increment();
            default -> log.debug("Emulated switch {} ignores {}", sw.dpid(), m.getType());
        }
        MessageHook hook = sw.wire().messageHook();
        if (hook != null) {
            hook.received(sw, m);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
        ctx.fireChannelReadComplete();
    }

    /** Reads the packet-out's actions (refusing ones it does not model) and tells the hook. */
    private void packetOut(ChannelHandlerContext ctx, OFPacketOut po) {
        sw.counters().packetOuts.increment();
        List<FlowAction> actions;
        try {
            actions = WireActions.decode(po.getActions());
        } catch (BadEntryException e) {
            refuse(ctx, po, e);
            return;
        }
        PortNumber in =
                po.getInPort() == null
                        ? PortNumber.CONTROLLER
                        : EmulatorPorts.number(po.getInPort());
        byte[] data = po.getData();
        if (!po.getBufferId().equals(OFBufferId.NO_BUFFER)) {
            int id = po.getBufferId().getInt();
            var held = sw.buffers().take(id);
            if (held.isEmpty()) {
                ctx.writeAndFlush(EmulatorErrors.bufferUnknown(f, po.getXid()));
                return;
            }
            data = held.get().frame();
            Set<PortNumber> outs = new HashSet<>();
            actions.forEach(
                    a -> {
                        if (a instanceof FlowAction.Output o) {
                            outs.add(o.port());
                        }
                    });
            sw.buffers().released(new ReleasedPacket(id, ReleasedPacket.By.PACKET_OUT, in, outs));
        }
        PacketOutHook hook = sw.packetOutHook();
        if (hook != null) {
            hook.packetOut(sw, in, actions, data);
        }
    }

    /**
     * Sends on the packet a flow-mod's buffer id names, by the table the flow-mod just changed (an
     * ADD or a MODIFY; OpenFlow ignores the buffer id of a DELETE).
     */
    private void releaseByFlowMod(ChannelHandlerContext ctx, OFFlowMod fm) {
        if (fm.getBufferId().equals(OFBufferId.NO_BUFFER)
                || fm.getCommand() == OFFlowModCommand.DELETE
                || fm.getCommand() == OFFlowModCommand.DELETE_STRICT) {
            return;
        }
        int id = fm.getBufferId().getInt();
        var held = sw.buffers().take(id);
        if (held.isEmpty()) {
            ctx.writeAndFlush(EmulatorErrors.bufferUnknown(f, fm.getXid()));
            return;
        }
        PortNumber in = held.get().inPort();
        Set<PortNumber> outs = sw.outputs(PacketHeaders.ofFrame(in, held.get().frame()));
        sw.buffers().released(new ReleasedPacket(id, ReleasedPacket.By.FLOW_MOD, in, outs));
    }

    /** Keeps the meter's first drop band (rate, burst); a delete forgets it. */
    private void meterMod(org.projectfloodlight.openflow.protocol.OFMeterMod mm) {
        switch (mm.getCommand()) {
            case ADD, MODIFY -> {
                var bands = mm.getMeters();
                long rate = 0;
                long burst = 0;
                if (!bands.isEmpty()
                        && bands.get(0)
                                instanceof
                                org.projectfloodlight.openflow.protocol.meterband.OFMeterBandDrop
                                                d) {
                    rate = d.getRate();
                    burst = d.getBurstSize();
                }
                sw.meters().put(mm.getMeterId(), new long[] {rate, burst});
            }
            case DELETE -> sw.meters().remove(mm.getMeterId());
        }
    }

    private void features(ChannelHandlerContext ctx, long xid) {
        var b =
                f.buildFeaturesReply()
                        .setXid(xid)
                        .setDatapathId(DatapathId.of(sw.dpid().value()))
                        .setNBuffers(0)
                        .setNTables((short) sw.tables())
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
        boolean handshake = featuresSent && handshakeDone.getCount() > 0;
        if (!handshake && (sw.faults().barrierSilent() || sw.faults().hold(req.getXid()))) {
            return;
        }
        // Flushed once the read burst is processed: one write for every barrier of the burst.
        ctx.write(f.buildBarrierReply().setXid(req.getXid()).build());
        if (featuresSent) {
            handshakeDone.countDown();
        }
    }

    private void flowMod(ChannelHandlerContext ctx, OFFlowMod fm) {
        sw.counters().flowMods.increment();
        FlowModError reject = sw.faults().flowModRejection(batch);
        if (reject != null) {
            ctx.writeAndFlush(EmulatorErrors.flowModFailed(f, fm.getXid(), reject.wire()));
            return;
        }
        try {
            FlowTableCommands.apply(sw.table(), sw.dpid(), sw.tables(), fm);
        } catch (BadEntryException e) {
            refuse(ctx, fm, e);
            return;
        }
        releaseByFlowMod(ctx, fm);
    }

    /** A flow-mod ADD read on the lean path: as {@link #flowMod}, without a buffer to release. */
    private void flowAdd(ChannelHandlerContext ctx, WireFlowAdd add) {
        if (role.isSlave()) {
            // Turned SLAVE after the decoder read the burst this ADD came in.
            sw.counters().slaveWritesRefused.increment();
            ctx.writeAndFlush(EmulatorRoles.isSlave(f, add.xid()));
            return;
        }
        sw.counters().flowMods.increment();
        FlowModError reject = sw.faults().flowModRejection(batch);
        if (reject != null) {
            ctx.writeAndFlush(EmulatorErrors.flowModFailed(f, add.xid(), reject.wire()));
            return;
        }
        if (add.outputs() == null) {
            sw.table()
                    .addEthDst(
                            sw.dpid(),
                            add.table(),
                            add.priority(),
                            add.mac(),
                            (int) add.port(),
                            add.idleTimeout(),
                            add.hardTimeout(),
                            add.cookie());
        } else {
            sw.table().add(add.rule(sw.dpid()));
        }
    }

    private void groupMod(ChannelHandlerContext ctx, OFGroupMod gm) {
        sw.counters().groupMods.increment();
        try {
            switch (gm.getCommand()) {
                case ADD, MODIFY -> sw.table().putGroup(WireEntries.group(sw.dpid(), gm));
                case DELETE -> sw.table().removeGroup(gm.getGroup().getGroupNumber());
                default ->
                        log.debug(
                                "Emulated switch {} ignores group-mod {}",
                                sw.dpid(),
                                gm.getCommand());
            }
        } catch (BadEntryException e) {
            refuse(ctx, gm, e);
        }
    }

    /** Answers a message the switch cannot take as encoded with an OpenFlow error. */
    private void refuse(ChannelHandlerContext ctx, OFMessage m, BadEntryException e) {
        log.warn(
                "Emulated switch {} refuses {} xid {}: {}",
                sw.dpid(),
                m.getType(),
                m.getXid(),
                e.getMessage());
        ctx.writeAndFlush(EmulatorErrors.badEntry(f, m.getXid(), e.kind()));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        sw.roles().disconnect(role);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("Emulated switch {} closing after {}", sw.dpid(), cause.toString());
        ctx.close();
    }
}
