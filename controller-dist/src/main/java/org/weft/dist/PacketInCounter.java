package org.weft.dist;

import java.util.concurrent.atomic.LongAdder;
import org.weft.net.packet.FastVerdict;
import org.weft.net.packet.PacketContext;
import org.weft.net.packet.PacketProcessor;
import org.weft.net.packet.PacketService;

/**
 * Counts packet-ins handed to the packet processors, ahead of every other processor, for the {@code
 * weft_packet_ins_total} metric. An observer of the packet service, wired here rather than in the
 * REST module, which only publishes the count.
 */
final class PacketInCounter implements PacketProcessor {

    /** Runs before every other processor, so a packet another one consumes is counted too. */
    static final int PRIORITY = Integer.MIN_VALUE;

    private final LongAdder count = new LongAdder();

    /** A counter registered with the packet service. */
    static PacketInCounter watch(PacketService packets) {
        PacketInCounter counter = new PacketInCounter();
        packets.addProcessor(counter, PRIORITY);
        return counter;
    }

    @Override
    public void process(PacketContext context) {
        count.increment();
    }

    @Override
    public FastVerdict processFast(PacketContext context) {
        count.increment();
        return FastVerdict.PASS;
    }

    /** Packet-ins counted since start. */
    long count() {
        return count.sum();
    }
}
