package org.weft.net.packet;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.List;
import org.weft.net.Dpid;
import org.weft.net.PortNumber;
import org.weft.net.flow.FlowAction;

/**
 * A packet for a switch to send (packet-out).
 *
 * @param dpid the switch
 * @param inPort the port the packet is treated as having arrived on ({@link PortNumber#CONTROLLER}
 *     if none)
 * @param actions what the switch does with it, usually outputs
 * @param data the frame, starting at the Ethernet header
 */
public record OutboundPacket(Dpid dpid, PortNumber inPort, List<FlowAction> actions, byte[] data) {

    public OutboundPacket {
        checkNotNull(dpid, "dpid");
        checkNotNull(inPort, "inPort");
        actions = ImmutableList.copyOf(checkNotNull(actions, "actions"));
        checkNotNull(data, "data");
    }
}
