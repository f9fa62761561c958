package org.weft.net.testing;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.weft.net.Dpid;
import org.weft.net.flow.FlowMatch;
import org.weft.net.packet.FastVerdict;
import org.weft.net.packet.InboundPacket;
import org.weft.net.packet.OutboundPacket;
import org.weft.net.packet.PacketContext;
import org.weft.net.packet.PacketProcessor;
import org.weft.net.packet.PacketService;

/** A {@link PacketService} that records packet-outs and runs processors on the caller's thread. */
public final class FakePacketService implements PacketService {

    private record Registered(PacketProcessor processor, int priority) {}

    private final List<Registered> processors = new CopyOnWriteArrayList<>();
    public final List<OutboundPacket> emitted = new CopyOnWriteArrayList<>();
    public final List<FlowMatch> requests = new CopyOnWriteArrayList<>();
    private final Set<Dpid> rejecting = ConcurrentHashMap.newKeySet();

    /**
     * Makes every packet-out to the switch throw {@link IllegalArgumentException}, as Loxi does for
     * a message the switch's OpenFlow version cannot carry.
     */
    public void rejectEmitsTo(long dpid) {
        rejecting.add(Dpid.of(dpid));
    }

    @Override
    public synchronized void addProcessor(PacketProcessor processor, int priority) {
        int i = 0;
        while (i < processors.size() && processors.get(i).priority() <= priority) {
            i++;
        }
        processors.add(i, new Registered(processor, priority));
    }

    @Override
    public void removeProcessor(PacketProcessor processor) {
        processors.removeIf(r -> r.processor() == processor);
    }

    @Override
    public void requestPackets(FlowMatch match, int priority) {
        requests.add(match);
    }

    @Override
    public boolean emit(OutboundPacket packet) {
        if (rejecting.contains(packet.dpid())) {
            throw new IllegalArgumentException(
                    "Property in_port not supported in version OF_15 (" + packet.dpid() + ")");
        }
        emitted.add(packet);
        return true;
    }

    /** Packet-ins whose processing ended in the fast steps (no full step ran). */
    public final AtomicInteger doneInFastSteps = new AtomicInteger();

    /**
     * Runs the processors on a packet-in as the driver does: the fast steps in order, then the full
     * steps from the first processor that asks for its own; returns the context (blocked or not).
     */
    public PacketContext receive(InboundPacket packet) {
        PacketContext ctx = new PacketContext(packet);
        List<Registered> procs = List.copyOf(processors);
        int from = 0;
        while (from < procs.size()) {
            FastVerdict v = procs.get(from).processor().processFast(ctx);
            if (v == FastVerdict.SLOW) {
                break;
            }
            from++;
            if (v == FastVerdict.HANDLED) {
                ctx.block();
                break;
            }
        }
        if (from == procs.size() || ctx.isBlocked()) {
            doneInFastSteps.incrementAndGet();
            return ctx;
        }
        for (int i = from; i < procs.size() && !ctx.isBlocked(); i++) {
            procs.get(i).processor().process(ctx);
        }
        return ctx;
    }
}
