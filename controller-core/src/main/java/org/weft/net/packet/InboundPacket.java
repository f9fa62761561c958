package org.weft.net.packet;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.OptionalInt;
import org.weft.net.ConnectPoint;

/**
 * A packet a switch sent to the controller.
 *
 * @param receivedFrom the switch port it arrived on
 * @param data the frame, starting at the Ethernet header (do not modify); when the switch buffered
 *     the packet this may be only its head (the switch's {@code miss_send_len} or the rule's {@code
 *     max_len})
 * @param receivedAtNanos {@link System#nanoTime()} when the driver decoded it
 * @param bufferId where the switch holds the whole packet (the packet-in's {@code buffer_id}, an
 *     unsigned 32-bit value in an int's bits), empty when it sent it unbuffered ({@code NO_BUFFER},
 *     what Open vSwitch always does). Meaningful only on {@code receivedFrom}'s switch: a flow-mod
 *     ({@link org.weft.net.flow.FlowRuleOperation#addReleasing}) or a packet-out ({@link
 *     OutboundPacket#releasing}) naming it sends the buffered packet on and frees the buffer; a
 *     switch frees a buffer nobody names after a while of its own
 */
public record InboundPacket(
        ConnectPoint receivedFrom, byte[] data, long receivedAtNanos, OptionalInt bufferId) {

    public InboundPacket {
        checkNotNull(receivedFrom, "receivedFrom");
        checkNotNull(data, "data");
        checkNotNull(bufferId, "bufferId");
    }

    /** An unbuffered packet-in. */
    public InboundPacket(ConnectPoint receivedFrom, byte[] data, long receivedAtNanos) {
        this(receivedFrom, data, receivedAtNanos, OptionalInt.empty());
    }

    /** Whether the switch holds the packet in a buffer ({@link #bufferId()} is present). */
    public boolean isBuffered() {
        return bufferId.isPresent();
    }
}
