package org.weft.openflow.channel;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.util.function.LongSupplier;
import org.projectfloodlight.openflow.protocol.OFEchoReply;
import org.projectfloodlight.openflow.protocol.OFEchoRequest;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.projectfloodlight.openflow.protocol.OFType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.openflow.OfConfig;

/**
 * One switch connection, as Netty sees it: routes each decoded message to the handshake state
 * machine ({@link OfHandshake}) or, once the switch exists, to its dispatch ({@link
 * OfSwitchDispatch}); answers echo requests in any state; notes every message for the keepalive
 * ({@link Keepalive}); answers malformed frames. Never lets an exception escape: a misbehaving
 * switch gets an error or a closed channel, and its warnings are throttled ({@link
 * SwitchWarnings}).
 */
public final class OfChannelHandler extends SimpleChannelInboundHandler<Object> {

    private static final Logger log = LoggerFactory.getLogger(OfChannelHandler.class);

    /**
     * Port-status messages a switch may send a second (and at once): each becomes a device event
     * and possibly a topology change, so a storm of them is a hostile switch, disconnected.
     */
    static final int PORT_STATUS_PER_SECOND = 1_000;

    private final ChannelCounters counters;
    private final LongSupplier nanoClock;
    private final SwitchWarnings warnings = new SwitchWarnings();
    private final TokenBucket portStatusBudget;
    private final OfHandshake handshake;
    private final OfSwitchDispatch dispatch;

    OfChannelHandler(
            OfConfig config,
            OfSwitchRegistry registry,
            ChannelCounters counters,
            ReadGate gate,
            LongSupplier nanoClock) {
        this.counters = counters;
        this.nanoClock = nanoClock;
        this.handshake = new OfHandshake(config, registry, counters, gate, nanoClock);
        this.dispatch = new OfSwitchDispatch(handshake, registry, warnings);
        this.portStatusBudget =
                new TokenBucket(
                        PORT_STATUS_PER_SECOND, PORT_STATUS_PER_SECOND, nanoClock.getAsLong());
    }

    OfHandshake.State state() {
        return handshake.state();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        handshake.start(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        readOver(); // a write on a closed channel releases what was gathered
        handshake.stop();
    }

    /** The read's messages are decoded: the answers its packet-ins got go out in one write. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == OfMessageDecoder.READ_DECODED) {
            readOver();
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    /** The read is over (its answers normally went at {@link OfMessageDecoder#READ_DECODED}). */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        readOver();
        ctx.fireChannelReadComplete();
    }

    private void readOver() {
        OfSwitch sw = handshake.sw();
        if (sw != null) {
            sw.answers().readOver();
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MalformedMessage m) {
            heard();
            onMalformed(ctx, m);
            return;
        }
        if (msg instanceof PacketIn pi) {
            heard();
            onPacketIn(ctx, pi);
            return;
        }
        int partBytes = 0;
        if (msg instanceof MultipartPart part) {
            partBytes = part.bytes();
            msg = part.reply();
        }
        OFMessage m = (OFMessage) msg;
        if (m.getType() != OFType.ECHO_REPLY) {
            heard();
        }
        OFFactory factory = handshake.factory();
        if (factory != null && m.getVersion() != factory.getVersion()) {
            onMalformed(ctx, MalformedMessage.wrongVersion(m, factory.getVersion()));
            return;
        }
        switch (m.getType()) {
            case ECHO_REQUEST -> echoReply(ctx, (OFEchoRequest) m);
            case ECHO_REPLY -> {
                if (dispatch.onEchoReply((OFEchoReply) m)) {
                    heard();
                }
            }
            case ERROR -> dispatch.onError(ctx, (OFErrorMsg) m);
            default -> onMessage(ctx, m, partBytes);
        }
    }

    /** Any message but a blind echo reply proves the switch alive. */
    private void heard() {
        Keepalive keepalive = handshake.keepalive();
        if (keepalive != null) {
            keepalive.heard();
        }
    }

    private void onMessage(ChannelHandlerContext ctx, OFMessage m, int partBytes) {
        if (m instanceof OFPortStatus && !portStatusBudget.tryTake(nanoClock.getAsLong())) {
            log.warn(
                    "Switch {} at {} sent more than {} port-status messages a second; closing its channel",
                    handshake.dpid(),
                    handshake.remote(),
                    PORT_STATUS_PER_SECOND);
            handshake.close();
            ctx.close();
            return;
        }
        switch (handshake.state()) {
            case WAIT_HELLO -> handshake.onHello(ctx, m);
            case WAIT_FEATURES -> handshake.onFeatures(ctx, m);
            case WAIT_PORT_DESC -> handshake.onPortDesc(ctx, m, partBytes);
            case WAIT_CONFIG_BARRIER, REGISTERING -> {
                if (m instanceof OFPortStatus status) {
                    dispatch.applyPortStatus(status);
                } else {
                    handshake.onConfigBarrier(ctx, m);
                }
            }
            case ACTIVE -> dispatch.onActive(m, partBytes);
            case CLOSED -> log.debug("{} after close from {}", m.getType(), handshake.remote());
        }
    }

    /** A packet-in: to the listeners once the switch is active, kept (bounded) before. */
    private void onPacketIn(ChannelHandlerContext ctx, PacketIn pi) {
        OFFactory factory = handshake.factory();
        if (factory != null && pi.version() != factory.getVersion()) {
            onMalformed(ctx, MalformedMessage.wrongVersion(pi, factory.getVersion()));
            return;
        }
        switch (handshake.state()) {
            case ACTIVE -> {
                handshake.sw().answers().readingPacketIns();
                dispatch.onPacketIn(pi);
            }
            case CLOSED -> log.debug("PACKET_IN after close from {}", handshake.remote());
            default -> handshake.onEarlyPacketIn(pi);
        }
    }

    private void echoReply(ChannelHandlerContext ctx, OFEchoRequest req) {
        OFFactory factory = handshake.factory();
        OFFactory f = factory != null ? factory : OFFactories.getFactory(req.getVersion());
        ctx.writeAndFlush(f.buildEchoReply().setXid(req.getXid()).setData(req.getData()).build());
    }

    private void onMalformed(ChannelHandlerContext ctx, MalformedMessage m) {
        counters.malformed.increment();
        warnings.malformed(handshake.who(), m);
        if (handshake.state() == OfHandshake.State.WAIT_HELLO) {
            ctx.close();
            return;
        }
        OFFactory factory = handshake.factory();
        ctx.writeAndFlush(
                OfErrorReplies.badRequest(factory == null ? null : factory.getVersion(), m));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Object who = handshake.who();
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
}
