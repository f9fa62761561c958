package org.weft.openflow.emulator;

import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFGroupMod;
import org.projectfloodlight.openflow.protocol.OFMessage;

/**
 * A message an {@link EmulatedSwitch} received from the controller, as its {@link
 * EmulatedSwitch#history() history} lists it: enough to check the order of a controller's writes
 * (batches, adds before deletes) without OpenFlow types.
 *
 * @param kind what the message is
 * @param command the flow-mod or group-mod command, or null for other messages
 * @param xid its transaction id
 */
public record ReceivedMessage(Kind kind, Command command, long xid) {

    /** The kinds of message a test tells apart; the rest are {@link #OTHER}. */
    public enum Kind {
        BARRIER_REQUEST,
        FLOW_MOD,
        GROUP_MOD,
        PACKET_OUT,
        STATS_REQUEST,
        ECHO_REQUEST,
        OTHER
    }

    /** A flow-mod's or group-mod's command (group-mods use ADD, MODIFY and DELETE). */
    public enum Command {
        ADD,
        MODIFY,
        MODIFY_STRICT,
        DELETE,
        DELETE_STRICT
    }

    static ReceivedMessage of(OFMessage m) {
        long xid = m.getXid();
        if (m instanceof OFFlowMod fm) {
            return new ReceivedMessage(Kind.FLOW_MOD, Command.valueOf(fm.getCommand().name()), xid);
        } else if (m instanceof OFGroupMod gm) {
            return new ReceivedMessage(
                    Kind.GROUP_MOD, Command.valueOf(gm.getCommand().name()), xid);
        }
        Kind kind =
                switch (m.getType()) {
                    case BARRIER_REQUEST -> Kind.BARRIER_REQUEST;
                    case PACKET_OUT -> Kind.PACKET_OUT;
                    case STATS_REQUEST -> Kind.STATS_REQUEST;
                    case ECHO_REQUEST -> Kind.ECHO_REQUEST;
                    default -> Kind.OTHER;
                };
        return new ReceivedMessage(kind, null, xid);
    }
}
