package org.weft.openflow.channel;

import org.weft.net.PortNumber;
import org.weft.net.device.Port;

/**
 * Driver-internal callbacks from switch connections. Called on the switch's Netty event loop:
 * implementations hand slow work to another executor.
 */
public interface OfSwitchListener {

    default void switchConnected(OfSwitch sw) {}

    default void switchDisconnected(OfSwitch sw) {}

    /** A port was added or changed (PORT_STATUS ADD/MODIFY). */
    default void portChanged(OfSwitch sw, Port port, boolean added) {}

    default void portRemoved(OfSwitch sw, PortNumber port) {}

    /**
     * A packet-in: the decoder's reusable one, valid only during the call (keep {@link
     * PacketIn#copy()}).
     */
    default void packetIn(OfSwitch sw, PacketIn packetIn) {}

    /**
     * A barrier, stats or echo request to the switch timed out (at most one call per request
     * timeout per switch): what it holds may differ from what Weft believes.
     */
    default void requestTimedOut(OfSwitch sw) {}
}
