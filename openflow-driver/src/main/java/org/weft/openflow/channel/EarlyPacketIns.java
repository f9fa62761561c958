package org.weft.openflow.channel;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Packet-ins a switch sends before it is active (from its FEATURES_REPLY on, while Weft still reads
 * its ports, configures it and registers it): kept in order up to a bound and handed on once it is
 * active; beyond the bounds (count and bytes) they are dropped and counted. Not thread-safe: the
 * channel's event loop.
 */
final class EarlyPacketIns {

    /** Most packet-ins kept... */
    static final int MAX = 1024;

    /** ...and most bytes of their frames. */
    static final int MAX_BYTES = 1024 * 1024;

    private final ArrayDeque<PacketIn> kept = new ArrayDeque<>();
    private final ChannelCounters counters;
    private int dropped;
    private int bytes;

    EarlyPacketIns(ChannelCounters counters) {
        this.counters = counters;
    }

    void add(PacketIn pi) {
        int size = pi.data().length;
        if (kept.size() < MAX && bytes + size <= MAX_BYTES) {
            kept.add(pi);
            bytes += size;
        } else {
            dropped++;
            counters.packetInsAdmitted.decrement();
            counters.packetInsDropped.increment();
        }
    }

    /** How many were dropped (the caller logs it once). */
    int dropped() {
        return dropped;
    }

    /** Hands every kept packet-in on, oldest first, and forgets them. */
    void release(Consumer<PacketIn> to) {
        for (PacketIn pi = kept.poll(); pi != null; pi = kept.poll()) {
            to.accept(pi);
        }
        bytes = 0;
    }

    void clear() {
        kept.clear();
        bytes = 0;
    }
}
