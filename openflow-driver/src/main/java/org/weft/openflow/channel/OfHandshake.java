package org.weft.openflow.channel;

import io.netty.channel.ChannelHandlerContext;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.projectfloodlight.openflow.protocol.OFBarrierReply;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFeaturesReply;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.DeviceNotConnectedException;
import org.weft.net.Dpid;
import org.weft.openflow.OfConfig;
import org.weft.util.LogThrottle;

/**
 * One connection's handshake state machine: HELLO (version negotiation), FEATURES, PORT_DESC
 * (OF1.3+), SET_CONFIG + table-miss flow + optional role request confirmed by a barrier, then
 * registration, after which the switch is {@link State#ACTIVE} and its {@link Keepalive} runs.
 * Holds what the connection learnt about its switch (version, DPID, ports, the {@link OfSwitch}).
 * Not thread-safe: the channel's event loop.
 */
final class OfHandshake {

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

    /**
     * Handshake timeouts are logged at most once per interval for all connections together: a burst
     * of connections that never speak must not become a burst of log lines on the I/O threads.
     */
    private static final LogThrottle HANDSHAKE_TIMEOUT_WARNINGS =
            LogThrottle.every(SwitchWarnings.INTERVAL);

    private final OfConfig config;
    private final OfSwitchRegistry registry;
    private final OfHandshakeSteps steps;
    private final ChannelCounters counters;
    private final ReadGate gate;
    private final LongSupplier nanoClock;
    private final HandshakePorts ports;
    private final EarlyPacketIns earlyPacketIns;
    private State state = State.WAIT_HELLO;
    private OFFactory factory;
    private Dpid dpid;
    private int tables = 1;
    private long configBarrierXid;
    private OfSwitch sw;
    private ScheduledFuture<?> handshakeTimer;
    private Keepalive keepalive;
    private String remote = "?";

    /** Counted in {@link IoThreadHandshakes} from start until ACTIVE or CLOSED. */
    private boolean counted;

    OfHandshake(
            OfConfig config,
            OfSwitchRegistry registry,
            ChannelCounters counters,
            ReadGate gate,
            LongSupplier nanoClock) {
        this.config = config;
        this.registry = registry;
        this.steps = new OfHandshakeSteps(config);
        this.counters = counters;
        this.gate = gate;
        this.nanoClock = nanoClock;
        this.ports = new HandshakePorts(config.limits());
        this.earlyPacketIns = new EarlyPacketIns(counters);
    }

    State state() {
        return state;
    }

    /** The negotiated version's factory, or null before HELLO. */
    OFFactory factory() {
        return factory;
    }

    /** The switch, or null before registration starts. */
    OfSwitch sw() {
        return sw;
    }

    /** The switch's keepalive, or null until it is active. */
    Keepalive keepalive() {
        return keepalive;
    }

    /** The ports learnt so far, for PORT_STATUS before the switch exists. */
    HandshakePorts ports() {
        return ports;
    }

    Dpid dpid() {
        return dpid;
    }

    String remote() {
        return remote;
    }

    /** How logs name the peer: its DPID once known, else its address. */
    Object who() {
        return dpid != null ? dpid : remote;
    }

    /** The switch is misbehaving or gone: nothing more is handled. */
    void close() {
        enter(State.CLOSED);
    }

    /** The connection is up: our HELLO goes out and the handshake timer starts. */
    void start(ChannelHandlerContext ctx) {
        remote = String.valueOf(ctx.channel().remoteAddress()).replaceFirst("^/", "");
        log.debug("Connection from {}", remote);
        counted = true;
        IoThreadHandshakes.started();
        ctx.writeAndFlush(OfVersions.hello(OfVersions.SUPPORTED, 0));
        handshakeTimer =
                ctx.executor()
                        .schedule(
                                () -> timedOut(ctx),
                                config.handshakeTimeout().toMillis(),
                                TimeUnit.MILLISECONDS);
    }

    /** Moves to {@code next}; an ACTIVE or CLOSED handshake stops counting as under way. */
    private void enter(State next) {
        state = next;
        if (counted && (next == State.ACTIVE || next == State.CLOSED)) {
            counted = false;
            IoThreadHandshakes.ended();
        }
    }

    /** The connection is gone: timers stop and the switch, if any, is unregistered. */
    void stop() {
        State was = state;
        enter(State.CLOSED);
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

    /**
     * A packet-in before the switch is active: kept (bounded) from the moment its DPID is known, so
     * a switch that sends packet-ins right after its FEATURES_REPLY loses none of the first ones.
     */
    void onEarlyPacketIn(PacketIn pi) {
        if (dpid == null) {
            counters.packetInsAdmitted.decrement();
            counters.packetInsDropped.increment();
            log.debug("Packet-in from {} before its FEATURES_REPLY; dropped", remote);
            return;
        }
        earlyPacketIns.add(pi.copy()); // the decoder's packet-in is filled again for the next
    }

    void onHello(ChannelHandlerContext ctx, OFMessage m) {
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
            ctx.writeAndFlush(
                            OfErrorReplies.helloFailed(
                                    hello.getVersion(), hello.getXid(), "no common version"))
                    .addListener(f -> ctx.close());
            enter(State.CLOSED);
            return;
        }
        factory = OFFactories.getFactory(v.get());
        state = State.WAIT_FEATURES;
        ctx.writeAndFlush(factory.buildFeaturesRequest().setXid(1).build());
    }

    void onFeatures(ChannelHandlerContext ctx, OFMessage m) {
        if (!(m instanceof OFFeaturesReply features)) {
            log.debug("Ignoring {} from {} while waiting for FEATURES_REPLY", m.getType(), remote);
            return;
        }
        dpid = Dpid.of(features.getDatapathId().getLong());
        tables = features.getNTables() & 0xff;
        ctx.channel().attr(SwitchNames.DPID).set(dpid);
        if (factory.getVersion() == OFVersion.OF_10) {
            ports.addAll(features);
            configure(ctx);
        } else {
            state = State.WAIT_PORT_DESC;
            ctx.writeAndFlush(factory.buildPortDescStatsRequest().setXid(2).build());
        }
    }

    void onPortDesc(ChannelHandlerContext ctx, OFMessage m, int partBytes) {
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
            enter(State.CLOSED);
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
        List<OFMessage> out =
                steps.configure(
                        factory,
                        dpid,
                        OfSwitch.hasPolicyStage(factory.getVersion(), tables),
                        first);
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

    /** Anything but a PORT_STATUS (the caller applies those) while configuring or registering. */
    void onConfigBarrier(ChannelHandlerContext ctx, OFMessage m) {
        if (state == State.REGISTERING && m instanceof OFBarrierReply) {
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
                        tables,
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
            enter(State.CLOSED);
            ctx.close();
            return;
        }
        enter(State.ACTIVE);
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
        earlyPacketIns.release(pi -> registry.firePacketIn(sw, pi));
    }

    private void timedOut(ChannelHandlerContext ctx) {
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

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }
}
