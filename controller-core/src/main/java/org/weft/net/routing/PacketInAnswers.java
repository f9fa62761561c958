package org.weft.net.routing;

/**
 * How the routing app answered the packet-ins it forwarded, counted since start: one answer per
 * packet-in, however many messages it took.
 *
 * @param bufferedFlowMods packet-ins the switch had buffered, answered by one flow-mod naming the
 *     buffer (the switch forwards the packet by the rule; no packet-out)
 * @param flowModsAndPacketOuts unbuffered packet-ins answered by a flow-mod (the route's rule at
 *     the switch, re-asserted) and a packet-out carrying the frame
 * @param packetOutsOnly packet-ins answered by a packet-out alone (flooded, sent through a group
 *     resolved to a port, or released after their route was confirmed), naming the switch's buffer
 *     when it had one
 */
public record PacketInAnswers(
        long bufferedFlowMods, long flowModsAndPacketOuts, long packetOutsOnly) {

    /** Nothing answered. */
    public static final PacketInAnswers NONE = new PacketInAnswers(0, 0, 0);

    /** Every answer. */
    public long total() {
        return bufferedFlowMods + flowModsAndPacketOuts + packetOutsOnly;
    }
}
