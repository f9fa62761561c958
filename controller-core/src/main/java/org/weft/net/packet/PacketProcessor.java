package org.weft.net.packet;

/**
 * Looks at packet-ins. Processors run in priority order (lowest number first) on the switch's I/O
 * order.
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
