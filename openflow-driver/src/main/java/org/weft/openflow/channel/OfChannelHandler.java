package org.weft.openflow.channel;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.projectfloodlight.openflow.protocol.OFBarrierReply;
import org.projectfloodlight.openflow.protocol.OFEchoReply;
import org.projectfloodlight.openflow.protocol.OFEchoRequest;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFErrorType;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFeaturesReply;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPortDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFPortReason;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.DeviceNotConnectedException;
import org.weft.net.Dpid;
import org.weft.net.device.Port;
import org.weft.openflow.OfConfig;
import org.weft.openflow.translate.OfErrors;
import org.weft.openflow.translate.OfPorts;

/**
 * One switch connection: the handshake state machine (HELLO, FEATURES, PORT_DESC, SET_CONFIG +
 * table-miss flow + optional role request confirmed by a barrier), then liveness ({@link Liveness})
 * and dispatch of the switch's messages. Never lets an exception escape: a misbehaving switch gets
 * an error or a closed channel, and its warnings are throttled ({@link SwitchWarnings}).
 */
public final class OfChannelHandler extends SimpleChannelInboundHandler<Object> {

    private static final Logger log = LoggerFactory.getLogger(OfChannelHandler.class);

    /** Where the handshake stands. */
    enum State {
        WAIT_HELLO,
        WAIT_FEATURES,
        WAIT_PORT_DESC,
        WAIT_CONFIG_BARRIER,
        REGISTERING,
        ACTIVE,
        CLOSED
    }

    private final OfConfig config;
    private final OfSwitchRegistry registry;
    private final OfHandshakeSteps steps;
    private State state = State.WAIT_HELLO;
    private OFFactory factory;
    private Dpid dpid;
    private final HandshakePorts ports;
    private long configBarrierXid;
    private OfSwitch sw;
    private ScheduledFuture<?> handshakeTimer;
    private Keepalive keepalive;
    private String remote = "?";
    private final ChannelCounters counters;
    private final ReadGate gate;
    private final LongSupplier nanoClock;
    private final EarlyPacketIns earlyPacketIns;
    private final SwitchWarnings warnings = new SwitchWarnings();

    /**
     * Port-status messages a switch may send a second (and at once): each becomes a device event
     * and possibly a topology change, so a storm of them is a hostile switch, disconnected.
     */
    static final int PORT_STATUS_PER_SECOND = 1_000;

    private final TokenBucket portStatusBudget;

    /**
     * Handshake timeouts are logged at most once per interval for all connections together: a burst
     * of connections that never speak must not become a burst of log lines on the I/O threads.
     */
    private static final org.weft.util.LogThrottle HANDSHAKE_TIMEOUT_WARNINGS =
            org.weft.util.LogThrottle.every(SwitchWarnings.INTERVAL);

    OfChannelHandler(
            OfConfig config,
            OfSwitchRegistry registry,
            ChannelCounters counters,
            ReadGate gate,
            LongSupplier nanoClock) {
        this.gate = gate;
        this.config = config;
        this.registry = registry;
        this.steps = new OfHandshakeSteps(config);
        this.counters = counters;
        this.nanoClock = nanoClock;
        this.earlyPacketIns = new EarlyPacketIns(counters);
        this.ports = new HandshakePorts(config.limits());
        this.portStatusBudget =
                new TokenBucket(
                        PORT_STATUS_PER_SECOND, PORT_STATUS_PER_SECOND, nanoClock.getAsLong());
    }

    State state() {
        return state;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        remote = String.valueOf(ctx.channel().remoteAddress()).replaceFirst("^/", "");
        log.debug("Connection from {}", remote);
        ctx.writeAndFlush(OfVersions.hello(OfVersions.SUPPORTED, 0));
        handshakeTimer =
                ctx.executor()
                        .schedule(
                                () -> handshakeTimedOut(ctx),
                                config.handshakeTimeout().toMillis(),
                                TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        State was = state;
        state = State.CLOSED;
        cancel(handshakeTimer);
        if (keepalive != null) {
            keepalive.stop();
        }
        earlyPacketIns.clear();
        if (sw != null) {
            sw.onDisconnect();
            if (was == State.ACTIVE && registry.isRegistered(sw)) {
                log.info("Switch {} disconnected from {}", dpid, remote);
            }
            registry.unregister(sw);
        } else {
            log.debug("Connection from {} closed during handshake ({})", remote, was);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MalformedMessage m) {
            heard();
            onMalformed(ctx, m);
            return;
        }
        int partBytes = 0;
        if (msg instanceof MultipartPart part) {
            partBytes = part.bytes();
            msg = part.reply();
        }
        OFMessage m = (OFMessage) msg;
        if (m.getType() != org.projectfloodlight.openflow.protocol.OFType.ECHO_REPLY) {
            heard();
        }
        if (factory != null && m.getVersion() != factory.getVersion()) {
            onMalformed(ctx, MalformedMessage.wrongVersion(m, factory.getVersion()));
            return;
        }
        switch (m.getType()) {
            case ECHO_REQUEST -> echoReply(ctx, (OFEchoRequest) m);
            case ECHO_REPLY -> onEchoReply((OFEchoReply) m);
            case ERROR -> onError(ctx, (OFErrorMsg) m);
            default -> onMessage(ctx, m, partBytes);
        }
    }

    /** Any message but a blind echo reply proves the switch alive. */
    private void heard() {
        if (keepalive != null) {
            keepalive.heard();
        }
    }

    private void onMessage(ChannelHandlerContext ctx, OFMessage m, int partBytes) {
        if (m instanceof OFPortStatus && !portStatusBudget.tryTake(nanoClock.getAsLong())) {
            log.warn(
                    "Switch {} at {} sent more than {} port-status messages a second; closing its channel",
                    dpid,
                    remote,
                    PORT_STATUS_PER_SECOND);
            state = State.CLOSED;
            ctx.close();
            return;
        }
        if (m instanceof OFPacketIn pi && state != State.ACTIVE && state != State.CLOSED) {
            onEarlyPacketIn(ctx, pi);
            return;
        }
        switch (state) {
            case WAIT_HELLO -> onHello(ctx, m);
            case WAIT_FEATURES -> onFeatures(ctx, m);
            case WAIT_PORT_DESC -> onPortDesc(ctx, m, partBytes);
            case WAIT_CONFIG_BARRIER, REGISTERING -> onConfigBarrier(ctx, m);
            case ACTIVE -> onActive(m, partBytes);
            case CLOSED -> log.debug("{} after close from {}", m.getType(), remote);
        }
    }

    /**
     * A packet-in before the switch is active: kept (bounded) from the moment its DPID is known, so
     * a switch that sends packet-ins right after its FEATURES_REPLY loses none of the first ones.
     */
    private void onEarlyPacketIn(ChannelHandlerContext ctx, OFPacketIn pi) {
        if (dpid == null) {
            counters.packetInsAdmitted.decrement();
            counters.packetInsDropped.increment();
            log.debug("Packet-in from {} before its FEATURES_REPLY; dropped", remote);
            return;
        }
        earlyPacketIns.add(pi);
    }

    private void onHello(ChannelHandlerContext ctx, OFMessage m) {
        if (!(m instanceof OFHello hello)) {
            log.warn("Expected HELLO from {}, got {}; closing", remote, m.getType());
            ctx.close();
            return;
        }
        Optional<OFVersion> v = OfVersions.negotiate(hello, OfVersions.SUPPORTED);
        if (v.isEmpty()) {
            log.warn(
                    "No common OpenFlow version with {} (it offers {}); closing",
                    remote,
                    hello.getVersion());
            ctx.writeAndFlush(OfErrorReplies.helloFailed(hello.getVersion(), "no common version"))
                    .addListener(f -> ctx.close());
            state = State.CLOSED;
            return;
        }
        factory = OFFactories.getFactory(v.get());
        state = State.WAIT_FEATURES;
        ctx.writeAndFlush(factory.buildFeaturesRequest().setXid(1).build());
    }

    private void onFeatures(ChannelHandlerContext ctx, OFMessage m) {
        if (!(m instanceof OFFeaturesReply features)) {
            log.debug("Ignoring {} from {} while waiting for FEATURES_REPLY", m.getType(), remote);
            return;
        }
        dpid = Dpid.of(features.getDatapathId().getLong());
        ctx.channel().attr(SwitchNames.DPID).set(dpid);
        if (factory.getVersion() == OFVersion.OF_10) {
            ports.addAll(features);
            configure(ctx);
        } else {
            state = State.WAIT_PORT_DESC;
            ctx.writeAndFlush(factory.buildPortDescStatsRequest().setXid(2).build());
        }
    }

    private void onPortDesc(ChannelHandlerContext ctx, OFMessage m, int partBytes) {
        if (!(m instanceof OFPortDescStatsReply reply)) {
            log.debug("Ignoring {} from {} while waiting for PORT_DESC", m.getType(), remote);
            return;
        }
        if (!ports.addPart(reply, partBytes)) {
            log.warn(
                    "Switch {} at {}: port description longer than {} parts or {} bytes; closing",
                    dpid,
                    remote,
                    config.limits().maxMultipartParts(),
                    config.limits().maxMultipartBytes());
            state = State.CLOSED;
            ctx.close();
            return;
        }
        if (!reply.getFlags().contains(OFStatsReplyFlags.REPLY_MORE)) {
            configure(ctx);
        }
    }

    /**
     * Sends the configuration (SET_CONFIG, table-miss flow, role request if configured) and its
     * barrier. With a role to claim, the switch is registered only once the barrier confirms it.
     * Without, it is registered at once and the barrier is tracked like any batch's: a switch that
     * floods packet-ins from its FEATURES_REPLY on would otherwise hold the barrier reply behind
     * megabytes of its own packet-ins, and its handshake would take seconds. The switch handles the
     * configuration before anything sent after it, so apps see it configured either way.
     */
    private void configure(ChannelHandlerContext ctx) {
        long first = 3;
        List<OFMessage> out = steps.configure(factory, dpid, first);
        configBarrierXid = out.get(out.size() - 1).getXid();
        ctx.writeAndFlush(out);
        if (config.sendRoleRequest()) {
            state = State.WAIT_CONFIG_BARRIER;
            return;
        }
        register(ctx);
        sw.expectBatch(first, configBarrierXid)
                .whenComplete(
                        (result, e) -> {
                            // A switch that goes before confirming: its disconnect is logged.
                            if (e != null && !(e instanceof DeviceNotConnectedException)) {
                                log.warn(
                                        "Switch {} did not confirm its configuration: {}",
                                        dpid,
                                        e.toString());
                            } else if (result != null && !result.ok()) {
                                log.warn(
                                        "Switch {} rejected part of its configuration: {}",
                                        dpid,
                                        result.failures().values());
                            }
                        });
    }

    private void onConfigBarrier(ChannelHandlerContext ctx, OFMessage m) {
        if (m instanceof OFPortStatus status) {
            applyPortStatus(status);
        } else if (state == State.REGISTERING && m instanceof OFBarrierReply) {
            sw.onBarrierReply(m.getXid());
        } else if (state == State.WAIT_CONFIG_BARRIER
                && m instanceof OFBarrierReply
                && m.getXid() == configBarrierXid) {
            register(ctx);
        } else {
            log.debug("Ignoring {} from {} during handshake", m.getType(), dpid);
        }
    }

    private void register(ChannelHandlerContext ctx) {
        state = State.REGISTERING;
        sw =
                new OfSwitch(
                        ctx.channel(),
                        factory,
                        dpid,
                        ports.list(),
                        config.limits(),
                        counters,
                        timedOut -> registry.fire(l -> l.requestTimedOut(timedOut)));
        registry.register(sw)
                .whenComplete(
                        (admitted, error) ->
                                ctx.executor()
                                        .execute(
                                                () ->
                                                        registered(
                                                                ctx,
                                                                error == null
                                                                        && Boolean.TRUE.equals(
                                                                                admitted))));
    }

    private void registered(ChannelHandlerContext ctx, boolean admitted) {
        if (state != State.REGISTERING) {
            return;
        }
        if (!admitted) {
            state = State.CLOSED;
            ctx.close();
            return;
        }
        state = State.ACTIVE;
        cancel(handshakeTimer);
        keepalive = new Keepalive(ctx, sw, config, nanoClock, gate);
        log.info(
                "Switch {} connected from {} ({}, {} ports)",
                dpid,
                remote,
                factory.getVersion(),
                sw.ports().size());
        releaseEarlyPacketIns();
    }

    private void releaseEarlyPacketIns() {
        if (earlyPacketIns.dropped() > 0) {
            log.warn(
                    "Switch {} sent more than {} packet-ins during its handshake; {} dropped",
                    dpid,
                    EarlyPacketIns.MAX,
                    earlyPacketIns.dropped());
        }
        earlyPacketIns.release(pi -> registry.fire(l -> l.packetIn(sw, pi)));
    }

    private void onActive(OFMessage m, int partBytes) {
        if (m instanceof OFStatsReply part) {
            if (!sw.onMultipartPart(part, partBytes)) {
                log.debug("Unsolicited {} from {}", m.getType(), dpid);
            }
            return;
        }
        switch (m.getType()) {
            case PACKET_IN -> registry.fire(l -> l.packetIn(sw, (OFPacketIn) m));
            case PORT_STATUS -> applyPortStatus((OFPortStatus) m);
            case BARRIER_REPLY -> {
                if (!sw.onBarrierReply(m.getXid())) {
                    log.debug("Unexpected barrier reply xid {} from {}", m.getXid(), dpid);
                }
            }
            default -> {
                if (!sw.onReply(m)) {
                    log.debug("Unsolicited {} from {}", m.getType(), dpid);
                }
            }
        }
    }

    private void applyPortStatus(OFPortStatus status) {
        if (sw == null) {
            ports.apply(status);
            return;
        }
        Port port = OfPorts.toCore(status.getDesc());
        boolean known = sw.ports().containsKey(port.number());
        if (status.getReason() == OFPortReason.DELETE) {
            sw.removePort(port.number());
            if (state == State.ACTIVE) {
                registry.fire(l -> l.portRemoved(sw, port.number()));
            }
        } else {
            sw.updatePort(port);
            if (state == State.ACTIVE) {
                registry.fire(l -> l.portChanged(sw, port, !known));
            }
        }
    }

    private void onError(ChannelHandlerContext ctx, OFErrorMsg error) {
        if (sw != null && sw.onError(error)) {
            log.debug("Switch {} rejected a request: {}", dpid, OfErrors.describe(error));
            return;
        }
        warnings.error(dpid != null ? dpid : remote, error);
        if (sw != null
                && (error.getErrType() == OFErrorType.FLOW_MOD_FAILED
                        || error.getErrType() == OFErrorType.GROUP_MOD_FAILED
                        || error.getErrType() == OFErrorType.BAD_ACTION
                        || error.getErrType() == OFErrorType.BAD_INSTRUCTION
                        || error.getErrType() == OFErrorType.BAD_MATCH)) {
            // A re-assertion sent without a barrier: the reconciler checks the switch.
            sw.onUnmatchedModError();
        }
        if (error.getErrType() == OFErrorType.HELLO_FAILED) {
            ctx.close();
        }
    }

    private void echoReply(ChannelHandlerContext ctx, OFEchoRequest req) {
        OFFactory f = factory != null ? factory : OFFactories.getFactory(req.getVersion());
        ctx.writeAndFlush(f.buildEchoReply().setXid(req.getXid()).setData(req.getData()).build());
    }

    /**
     * An echo reply proves the switch alive only when it answers a request of ours: Weft's own
     * keepalive (its round trip is the control RTT) or a request made through the switch (a
     * duplicate-DPID probe).
     */
    private void onEchoReply(OFEchoReply reply) {
        if (sw == null) {
            return;
        }
        if (keepalive != null && keepalive.echoReply(reply.getXid())) {
            return;
        }
        if (sw.onReply(reply)) {
            heard();
        } else {
            log.debug("Echo reply from {} with xid {} answers nothing", dpid, reply.getXid());
        }
    }

    private void handshakeTimedOut(ChannelHandlerContext ctx) {
        if (state != State.ACTIVE && state != State.CLOSED) {
            long left = HANDSHAKE_TIMEOUT_WARNINGS.admit();
            if (left >= 0) {
                log.warn(
                        "Handshake with {} timed out in state {}; closing ({} more since the last line)",
                        remote,
                        state,
                        left);
            }
            ctx.close();
        }
    }

    private void onMalformed(ChannelHandlerContext ctx, MalformedMessage m) {
        counters.malformed.increment();
        warnings.malformed(dpid != null ? dpid : remote, m);
        if (state == State.WAIT_HELLO) {
            ctx.close();
            return;
        }
        ctx.writeAndFlush(
                OfErrorReplies.badRequest(factory == null ? null : factory.getVersion(), m));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Object who = dpid != null ? dpid : remote;
        if (cause instanceof DecoderException) {
            log.warn("Closing channel of {}: undecodable stream ({})", who, cause.getMessage());
        } else if (cause instanceof IOException) {
            // The peer reset or broke the connection: an ordinary disconnect, not a fault of ours.
            log.info("Connection of {} lost: {}", who, cause.getMessage());
        } else {
            log.error("Closing channel of {} after an unexpected failure", who, cause);
        }
        ctx.close();
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }
}
