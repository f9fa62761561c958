package org.weft.net.packet;

import static com.google.common.base.Preconditions.checkNotNull;

import org.weft.net.ConnectPoint;

/**
 * A packet a switch sent to the controller.
 *
 * @param receivedFrom the switch port it arrived on
 * @param data the frame, starting at the Ethernet header (do not modify)
 * @param receivedAtNanos {@link System#nanoTime()} when the driver decoded it
 */
public record InboundPacket(ConnectPoint receivedFrom, byte[] data, long receivedAtNanos) {

    public InboundPacket {
        checkNotNull(receivedFrom, "receivedFrom");
        checkNotNull(data, "data");
    }
}
