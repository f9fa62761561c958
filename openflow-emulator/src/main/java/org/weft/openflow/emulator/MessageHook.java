package org.weft.openflow.emulator;

import org.projectfloodlight.openflow.protocol.OFMessage;

/**
 * Told about every message an {@link EmulatedSwitch} receives from the controller (set with {@link
 * EmulatorWire#onMessage}), on the switch's I/O thread, after the switch has counted and handled
 * it. Load generators use it to answer a flow-mod with the next packet-in; it must not block.
 */
@FunctionalInterface
public interface MessageHook {

    /**
     * @param sw the switch that received the message
     * @param msg the message (do not modify)
     */
    void received(EmulatedSwitch sw, OFMessage msg);
}
