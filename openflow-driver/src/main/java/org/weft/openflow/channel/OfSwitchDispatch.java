package org.weft.openflow.channel;

import io.netty.channel.ChannelHandlerContext;
import org.projectfloodlight.openflow.protocol.OFEchoReply;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFErrorType;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortReason;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.device.Port;
import org.weft.openflow.translate.OfErrors;
import org.weft.openflow.translate.OfPorts;

/**
 * What a switch sends once its handshake has created an {@link OfSwitch}: replies matched to
 * pending requests, packet-ins and port changes fired to the registry's listeners, errors matched
 * to what they answer or logged (throttled). Not thread-safe: the channel's event loop.
 */
final class OfSwitchDispatch {

    private static final Logger log = LoggerFactory.getLogger(OfChannelHandler.class);

    private final OfHandshake handshake;
    private final OfSwitchRegistry registry;
    private final SwitchWarnings warnings;

    OfSwitchDispatch(OfHandshake handshake, OfSwitchRegistry registry, SwitchWarnings warnings) {
        this.handshake = handshake;
        this.registry = registry;
        this.warnings = warnings;
    }

    /** A message from an active switch (echoes and errors excepted). */
    void onActive(OFMessage m, int partBytes) {
        OfSwitch sw = handshake.sw();
        if (m instanceof OFStatsReply part) {
            if (!sw.onMultipartPart(part, partBytes)) {
                log.debug("Unsolicited {} from {}", m.getType(), handshake.dpid());
            }
            return;
        }
        switch (m.getType()) {
            case PORT_STATUS -> applyPortStatus((OFPortStatus) m);
            case BARRIER_REPLY -> {
                if (!sw.onBarrierReply(m.getXid())) {
                    log.debug(
                            "Unexpected barrier reply xid {} from {}",
                            m.getXid(),
                            handshake.dpid());
                }
            }
            default -> {
                if (!sw.onReply(m)) {
                    log.debug("Unsolicited {} from {}", m.getType(), handshake.dpid());
                }
            }
        }
    }

    /** A packet-in from an active switch, to the listeners. */
    void onPacketIn(PacketIn pi) {
        registry.firePacketIn(handshake.sw(), pi);
    }

    /**
     * A port added, changed or deleted: recorded on the switch (or in the handshake's ports before
     * it exists), and told to the listeners once it is active.
     */
    void applyPortStatus(OFPortStatus status) {
        OfSwitch sw = handshake.sw();
        if (sw == null) {
            handshake.ports().apply(status);
            return;
        }
        boolean active = handshake.state() == OfHandshake.State.ACTIVE;
        Port port = OfPorts.toCore(status.getDesc());
        boolean known = sw.ports().containsKey(port.number());
        if (status.getReason() == OFPortReason.DELETE) {
            sw.removePort(port.number());
            if (active) {
                registry.fire(l -> l.portRemoved(sw, port.number()));
            }
        } else {
            sw.updatePort(port);
            if (active) {
                registry.fire(l -> l.portChanged(sw, port, !known));
            }
        }
    }

    void onError(ChannelHandlerContext ctx, OFErrorMsg error) {
        OfSwitch sw = handshake.sw();
        if (sw != null && sw.onError(error)) {
            log.debug(
                    "Switch {} rejected a request: {}", handshake.dpid(), OfErrors.describe(error));
            return;
        }
        warnings.error(handshake.who(), error);
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

    /**
     * An echo reply proves the switch alive only when it answers a request of ours: Weft's own
     * keepalive (its round trip is the control RTT) or a request made through the switch (a
     * duplicate-DPID probe).
     *
     * @return whether the caller counts the switch as heard from: the reply answered a request made
     *     through the switch (an answer to the keepalive's own probe is dated by the keepalive)
     */
    boolean onEchoReply(OFEchoReply reply) {
        OfSwitch sw = handshake.sw();
        if (sw == null) {
            return false;
        }
        Keepalive keepalive = handshake.keepalive();
        if (keepalive != null && keepalive.echoReply(reply.getXid())) {
            return false;
        }
        if (sw.onReply(reply)) {
            return true;
        }
        log.debug(
                "Echo reply from {} with xid {} answers nothing", handshake.dpid(), reply.getXid());
        return false;
    }
}
