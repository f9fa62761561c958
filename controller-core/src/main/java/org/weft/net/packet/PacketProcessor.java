package org.weft.net.packet;

/**
 * Looks at packet-ins. Processors run in priority order (lowest number first), off the I/O threads
 * on a packet-in worker: one switch's packets in the order they arrived, different switches' in
 * parallel and fairly, so a processor must be thread-safe across switches.
 */
@FunctionalInterface
public interface PacketProcessor {

    /** Priority band of discovery (LLDP) processors. */
    int ADVISOR = 0;

    /** Priority band of forwarding processors. */
    int DIRECTOR = 1000;

    /** Priority band of processors that only observe. */
    int OBSERVER = 2000;

    void process(PacketContext context);
}
