package org.weft.openflow.emulator;

import java.util.List;
import org.weft.net.PortNumber;
import org.weft.net.flow.FlowAction;

/** Told about each packet-out an {@link EmulatedSwitch} receives, on the switch's I/O thread. */
@FunctionalInterface
public interface PacketOutHook {

    /**
     * @param sw the switch that received the packet-out
     * @param inPort the packet-out's in_port ({@link PortNumber#CONTROLLER} when none)
     * @param actions its actions, translated to core form
     * @param data the frame (do not modify)
     */
    void packetOut(EmulatedSwitch sw, PortNumber inPort, List<FlowAction> actions, byte[] data);
}
