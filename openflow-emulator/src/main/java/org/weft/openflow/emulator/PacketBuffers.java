package org.weft.openflow.emulator;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.weft.net.PortNumber;

/**
 * The packets an emulated switch sent to the controller buffered, until a flow-mod or a packet-out
 * naming their buffer id releases them; and the releases so far. Buffer ids count up from 1 (never
 * NO_BUFFER).
 */
final class PacketBuffers {

    /** A packet held in a buffer. */
    record Held(PortNumber inPort, byte[] frame) {}

    private final AtomicInteger nextId = new AtomicInteger();
    private final Map<Integer, Held> held = new ConcurrentHashMap<>();
    private final List<ReleasedPacket> released = new CopyOnWriteArrayList<>();

    /** Holds a packet; returns its buffer id. */
    int hold(PortNumber inPort, byte[] frame) {
        int id = nextId.incrementAndGet();
        held.put(id, new Held(inPort, frame.clone()));
        return id;
    }

    /** Takes the packet out of its buffer (empty when no such buffer is held). */
    Optional<Held> take(int bufferId) {
        return Optional.ofNullable(held.remove(bufferId));
    }

    void released(ReleasedPacket p) {
        released.add(p);
    }

    List<ReleasedPacket> released() {
        return List.copyOf(released);
    }

    int heldCount() {
        return held.size();
    }
}
