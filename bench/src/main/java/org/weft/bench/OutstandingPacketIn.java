package org.weft.bench;

/**
 * Latency mode's one packet-in outstanding on a switch: its stamp (a sequence number its frame
 * carries, {@link HostFrames#stamped}) and when it was sent, and how an answer's stamp pairs with
 * it. The switch's I/O thread pairs answers while the run's clock may give the packet-in up after a
 * stall and send another; both go through this object's lock, so an answer is timed against the
 * packet-in it names and no other, and an answer to a packet-in given up on is late whenever it
 * comes.
 */
final class OutstandingPacketIn {

    /** {@link #answer}: the stamp is an earlier packet-in's (given up on, or answered already). */
    static final long LATE = -1;

    /** {@link #answer}: the stamp is none this switch has sent. */
    static final long UNKNOWN = -2;

    private long stamp; // the outstanding packet-in's; 0 before the first
    private long sentAt; // System.nanoTime() just before it was sent

    /**
     * Makes the next packet-in outstanding (the caller sends it right after) and returns its stamp.
     */
    synchronized long next() {
        sentAt = System.nanoTime();
        return ++stamp;
    }

    /**
     * Pairs an answer received at {@code now} that carries {@code answered} (a stamp, at least 1).
     *
     * @return the nanoseconds from the packet-in to this answer when it answers the outstanding one
     *     (then the next packet-in, stamp {@code answered + 1}, is outstanding and the caller sends
     *     it); else {@link #LATE} or {@link #UNKNOWN}
     */
    synchronized long answer(long answered, long now) {
        if (answered < stamp) {
            return LATE;
        }
        if (answered > stamp) {
            return UNKNOWN;
        }
        long nanos = now - sentAt;
        next();
        return nanos;
    }

    /**
     * Gives the outstanding packet-in up when it has waited more than {@code stallNanos} at {@code
     * now}, making the next one outstanding.
     *
     * @return the stamp of the packet-in to send instead, or 0 when none is stalled
     */
    synchronized long refillIfStalled(long now, long stallNanos) {
        if (stamp == 0 || now - sentAt <= stallNanos) {
            return 0;
        }
        return next();
    }
}
