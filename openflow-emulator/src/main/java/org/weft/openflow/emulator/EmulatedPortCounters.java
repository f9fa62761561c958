package org.weft.openflow.emulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import org.weft.net.PortNumber;

/**
 * The port counters an emulated switch reports in port statistics, moved by tests (the emulator
 * carries no data-plane traffic): traffic added, a wrap near 2^64, or a reset as after a restart.
 * Counters are unsigned 64-bit values; Java's long arithmetic wraps the same way.
 */
public final class EmulatedPortCounters {

    static final int RX_PACKETS = 0;
    static final int TX_PACKETS = 1;
    static final int RX_BYTES = 2;
    static final int TX_BYTES = 3;

    private final Map<PortNumber, AtomicLongArray> ports = new ConcurrentHashMap<>();

    AtomicLongArray of(PortNumber port) {
        return ports.computeIfAbsent(port, p -> new AtomicLongArray(4));
    }

    /** The port sent {@code bytes} in {@code packets} packets. */
    public void addTx(PortNumber port, long bytes, long packets) {
        of(port).addAndGet(TX_BYTES, bytes);
        of(port).addAndGet(TX_PACKETS, packets);
    }

    /** The port received {@code bytes} in {@code packets} packets. */
    public void addRx(PortNumber port, long bytes, long packets) {
        of(port).addAndGet(RX_BYTES, bytes);
        of(port).addAndGet(RX_PACKETS, packets);
    }

    /** Sets the port's transmitted bytes (e.g. just below 2^64, to see a wrap). */
    public void setTxBytes(PortNumber port, long bytes) {
        of(port).set(TX_BYTES, bytes);
    }

    /** Every counter of every port back to zero, as after a switch restart. */
    public void reset() {
        ports.clear();
    }
}
