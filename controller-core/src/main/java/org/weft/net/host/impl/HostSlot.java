package org.weft.net.host.impl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicReference;
import org.weft.net.Ip4Address;
import org.weft.net.IpAddress;
import org.weft.net.host.Host;

/**
 * One host's place in the tracker's table; null inside means removed (then dropped from it).
 *
 * <p>It also remembers the value of an IPv4 address the host is known by ({@link #knowsIp4}), so
 * that a packet-in from a known host can be told to teach nothing new without an address object. A
 * host's addresses only grow while its slot lives (a move or an update keeps them), so an address
 * once known stays known.
 *
 * <p>And it keeps the time of the host's latest sighting ({@link #seen}) apart from the host: a
 * sighting that changes nothing else moves only that time, in place, so the steady refresh of a
 * known host makes no new {@link Host}; {@link #current()} is the host with that time.
 */
final class HostSlot extends AtomicReference<Host> {

    private static final VarHandle SEEN;

    static {
        try {
            SEEN = MethodHandles.lookup().findVarHandle(HostSlot.class, "seenMillis", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** An IPv4 address of the host (0: none yet; 0.0.0.0 is never learned). */
    private volatile int knownIp4;

    /** The latest sighting (the host's own last-seen time, or later). */
    private volatile long seenMillis;

    HostSlot(Host h) {
        super(h);
        seenMillis = h.lastSeenMillis();
        for (IpAddress ip : h.ips()) {
            remember(ip);
        }
    }

    /** The latest sighting's time (at least the host's own last-seen time). */
    long seenMillis() {
        return seenMillis;
    }

    /** Records a sighting at {@code millis}; an earlier time than the latest changes nothing. */
    void seen(long millis) {
        long was = seenMillis;
        while (millis > was && !SEEN.compareAndSet(this, was, millis)) {
            was = seenMillis;
        }
    }

    /** The host with its latest sighting as its last-seen time; null if removed. */
    Host current() {
        Host h = get();
        if (h == null) {
            return null;
        }
        long seen = seenMillis;
        return seen > h.lastSeenMillis() ? h.withLastSeen(seen) : h;
    }

    /** Notes that the host is known by this address (once it is among the host's addresses). */
    void remember(IpAddress ip) {
        if (ip instanceof Ip4Address a) {
            knownIp4 = a.value();
        }
    }

    /** Whether the host is known by the IPv4 address of this value (false for 0). */
    boolean knowsIp4(int value) {
        return value != 0 && value == knownIp4;
    }
}
