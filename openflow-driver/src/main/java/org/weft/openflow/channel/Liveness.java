package org.weft.openflow.channel;

import java.util.ArrayDeque;

/**
 * Whether a switch is alive, as Open vSwitch's inactivity probe judges a peer: any message from the
 * switch proves it alive; after {@code interval} of silence an echo request is sent (at most one
 * per interval); after {@code missLimit} intervals with nothing received the switch is dead. An
 * ECHO_REPLY proves life only when it answers an echo request still outstanding (its xid): a switch
 * that sends blind replies answers nothing. While Weft itself stops reading from the switch
 * (back-pressure) its silence is Weft's doing, so the judgement is paused. Times are in nanoseconds
 * from a caller-supplied clock. Not thread-safe: one per channel, on its event loop.
 */
final class Liveness {

    /** What the periodic check decided. */
    enum Verdict {
        /** Heard from recently enough. */
        ALIVE,
        /** Silent for an interval: send an echo request (and report it with probeSent). */
        PROBE,
        /** Silent for the miss limit: close the channel. */
        DEAD
    }

    private record Probe(long xid, long sentAt) {}

    private final long intervalNanos;
    private final int missLimit;
    private final ArrayDeque<Probe> outstanding = new ArrayDeque<>();
    private long lastHeard;
    private long lastProbe = Long.MIN_VALUE;
    private boolean paused;

    Liveness(long intervalNanos, int missLimit, long nowNanos) {
        this.intervalNanos = intervalNanos;
        this.missLimit = missLimit;
        this.lastHeard = nowNanos;
    }

    /** A message other than an echo reply arrived. */
    void heard(long nowNanos) {
        lastHeard = nowNanos;
    }

    /**
     * An echo reply arrived.
     *
     * @return the round trip in nanoseconds if it answers an outstanding request, else -1 (and it
     *     proves nothing)
     */
    long echoReply(long xid, long nowNanos) {
        for (Probe p : outstanding) {
            if (p.xid() == xid) {
                // It answers this request and any older one still outstanding.
                while (outstanding.peekFirst() != p) {
                    outstanding.pollFirst();
                }
                outstanding.pollFirst();
                lastHeard = nowNanos;
                return nowNanos - p.sentAt();
            }
        }
        return -1;
    }

    /** Records the echo request a PROBE verdict led to. */
    void probeSent(long xid, long nowNanos) {
        lastProbe = nowNanos;
        outstanding.addLast(new Probe(xid, nowNanos));
        while (outstanding.size() > missLimit + 1) {
            outstanding.pollFirst();
        }
    }

    /** Weft stopped reading from the switch: its silence does not count until {@link #resume}. */
    void pause() {
        paused = true;
    }

    /** Weft reads again: the silence is counted from now. A no-op unless paused. */
    void resume(long nowNanos) {
        if (paused) {
            paused = false;
            lastHeard = Math.max(lastHeard, nowNanos);
        }
    }

    Verdict check(long nowNanos) {
        if (paused) {
            return Verdict.ALIVE;
        }
        long silent = nowNanos - lastHeard;
        if (silent >= missLimit * intervalNanos) {
            return Verdict.DEAD;
        }
        if (silent >= intervalNanos
                && (lastProbe == Long.MIN_VALUE || nowNanos - lastProbe >= intervalNanos)) {
            return Verdict.PROBE;
        }
        return Verdict.ALIVE;
    }

    /** Nanoseconds since the switch was last heard from. */
    long silentFor(long nowNanos) {
        return nowNanos - lastHeard;
    }
}
