package org.weft.net.packet;

/**
 * Looks at packet-ins. Processors run in priority order (lowest number first), in two steps. The
 * fast step ({@link #processFast}) runs on the switch's I/O thread as the packet-in is read (while
 * a switch handshake is under way on that thread it is skipped and every full step runs); it
 * handles the common case in constant time (a known host seen again, a packet toward a routed
 * destination) or asks for the full step. The full step ({@link #process}) runs on a packet-in
 * worker: one switch's packets in the order they arrived, different switches' in parallel and
 * fairly. Fast steps see one switch's packets in arrival order too, but a packet answered by its
 * fast steps may overtake earlier packets of its switch still waiting for their full step: a fast
 * step decides on what is known now, never on what a queued packet may teach. A processor must be
 * thread-safe across switches.
 */
@FunctionalInterface
public interface PacketProcessor {

    /** Priority band of discovery (LLDP) processors. */
    int ADVISOR = 0;

    /** Priority band of forwarding processors. */
    int DIRECTOR = 1000;

    /** Priority band of processors that only observe. */
    int OBSERVER = 2000;

    /** The full step: off the I/O thread, may take time. */
    void process(PacketContext context);

    /**
     * The fast step, on the switch's I/O thread: constant time, no blocking, no work that grows
     * with the network. {@link FastVerdict#SLOW} (the default) hands this processor and every one
     * after it to a worker for their full step; a processor whose fast step returned {@link
     * FastVerdict#PASS} does not see the packet again. The context may be the driver's reusable
     * one, valid only during the call: a step keeps neither it, its frame nor its packet, and takes
     * {@link PacketContext#copy()} of what it needs later.
     */
    default FastVerdict processFast(PacketContext context) {
        return FastVerdict.SLOW;
    }
}
