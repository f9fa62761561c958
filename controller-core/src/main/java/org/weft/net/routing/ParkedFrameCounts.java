package org.weft.net.routing;

/**
 * Packet-in frames the routing app holds until their destination's route is confirmed, and those it
 * dropped instead of sending: counters since start, plus the frames parked now.
 *
 * @param parked frames waiting now
 * @param droppedOverflow frames dropped at once because the bound on parked frames (in all, per
 *     destination, or in bytes) was reached
 * @param droppedExpired frames dropped because their route was not confirmed within the maximum age
 * @param droppedFailed frames dropped because their route's update failed (a switch error, a
 *     disconnect, a request timeout)
 */
public record ParkedFrameCounts(
        long parked, long droppedOverflow, long droppedExpired, long droppedFailed) {

    /** Nothing parked, nothing dropped. */
    public static final ParkedFrameCounts NONE = new ParkedFrameCounts(0, 0, 0, 0);
}
