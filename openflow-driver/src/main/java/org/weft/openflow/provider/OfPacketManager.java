package org.weft.openflow.provider;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.PortNumber;
import org.weft.net.cluster.NotMasterException;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.packet.FastVerdict;
import org.weft.net.packet.InboundPacket;
import org.weft.net.packet.OutboundPacket;
import org.weft.net.packet.PacketContext;
import org.weft.net.packet.PacketProcessor;
import org.weft.net.packet.PacketService;
import org.weft.openflow.channel.CoreFlows;
import org.weft.openflow.channel.OfSwitch;
import org.weft.openflow.channel.OfSwitchListener;
import org.weft.openflow.channel.OfSwitchRegistry;
import org.weft.openflow.channel.PacketIn;

/**
 * {@link PacketService}: runs the processors' fast steps on the I/O thread as each packet-in is
 * read (even while earlier packets of its switch wait for their full step: one its fast steps
 * answer overtakes them), and hands the rest (the first processor that asks for its full step, and
 * every one after it) to the {@link PacketInWorkers} (in order per switch, fairly across switches,
 * bounded per switch); sends packet-outs; keeps packet requests installed on every switch as it
 * connects.
 */
public final class OfPacketManager implements PacketService, OfSwitchListener {

    private static final Logger log = LoggerFactory.getLogger(OfPacketManager.class);

    private static final int NO_BUFFER = OFBufferId.NO_BUFFER.getInt();

    private record Registered(PacketProcessor processor, int priority) {}

    private record Request(FlowMatch match, int priority) {}

    private final OfSwitchRegistry switches;
    private final OfFlowRuleManager flows;
    private final List<Registered> processors = new CopyOnWriteArrayList<>();

    /** {@link #processors} as an array, replaced on every change: one read per packet-in. */
    private volatile Registered[] chain = new Registered[0];

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final PacketInWorkers workers;
    private final PacketOutWriter packetOuts = new PacketOutWriter();

    /**
     * A connected switch's lane to the workers, its ports as connect points, and the context its
     * fast steps see, filled again for each packet-in on the switch's I/O thread ({@link
     * #contextFor}).
     */
    private record Connected(
            PacketInWorkers.Lane lane,
            InPorts ports,
            PacketContext reused,
            AtomicReference<Thread> owner) {
        Connected(PacketInWorkers.Lane lane, InPorts ports) {
            this(lane, ports, PacketContext.reusable(), new AtomicReference<>());
        }
    }

    private final Map<OfSwitch, Connected> connected = new ConcurrentHashMap<>();

    public OfPacketManager(
            OfSwitchRegistry switches, OfFlowRuleManager flows, PacketInWorkers workers) {
        this.switches = switches;
        this.flows = flows;
        this.workers = workers;
        switches.addListener(this);
    }

    @Override
    public synchronized void addProcessor(PacketProcessor processor, int priority) {
        int i = 0;
        while (i < processors.size() && processors.get(i).priority() <= priority) {
            i++;
        }
        processors.add(i, new Registered(processor, priority));
        chain = processors.toArray(Registered[]::new);
    }

    @Override
    public synchronized void removeProcessor(PacketProcessor processor) {
        processors.removeIf(r -> r.processor() == processor);
        chain = processors.toArray(Registered[]::new);
    }

    @Override
    public void requestPackets(FlowMatch match, int priority) {
        Request r = new Request(match, priority);
        requests.add(r);
        switches.all().forEach(sw -> install(sw, r));
    }

    /** The packet-request entries a switch should hold. */
    List<FlowRule> requestRules(Dpid dpid) {
        return requests.stream()
                .map(r -> CoreFlows.packetRequest(dpid, r.match(), r.priority()))
                .toList();
    }

    @Override
    public void switchConnected(OfSwitch sw) {
        PacketInWorkers.Lane lane =
                connected
                        .computeIfAbsent(
                                sw, s -> new Connected(workers.newLane(), new InPorts(s.dpid())))
                        .lane();
        sw.watchPacketInBacklog(() -> workers.isFull(lane));
        requests.forEach(r -> install(sw, r));
    }

    @Override
    public void switchDisconnected(OfSwitch sw) {
        Connected c = connected.remove(sw);
        if (c != null) {
            workers.close(c.lane());
        }
    }

    private void install(OfSwitch sw, Request r) {
        FlowRule rule = CoreFlows.packetRequest(sw.dpid(), r.match(), r.priority());
        flows.apply(sw.dpid(), List.of(FlowRuleOperation.add(rule)))
                .whenComplete(
                        (ok, e) -> {
                            Throwable cause =
                                    e instanceof java.util.concurrent.CompletionException
                                                    && e.getCause() != null
                                            ? e.getCause()
                                            : e;
                            if (cause instanceof org.weft.net.DeviceNotConnectedException
                                    || cause instanceof NotMasterException) {
                                log.debug(
                                        "Packet request {} not installed on {}: {}",
                                        r.match(),
                                        sw.dpid(),
                                        cause.getMessage());
                            } else if (e != null || !ok.ok()) {
                                log.warn(
                                        "Could not install packet request {} on {}: {}",
                                        r.match(),
                                        sw.dpid(),
                                        e != null ? e.getMessage() : ok.failures().values());
                            }
                        });
    }

    @Override
    public boolean emit(OutboundPacket packet) {
        return emit(
                packet.dpid(), packet.inPort(), packet.actions(), packet.data(), packet.bufferId());
    }

    /** As {@link #emit(OutboundPacket)}, without building the packet-out (the steady answer). */
    @Override
    public boolean emitReleasing(InboundPacket in, List<FlowAction> actions) {
        ConnectPoint from = in.receivedFrom();
        return emit(from.dpid(), from.port(), actions, in.data(), in.bufferId());
    }

    /** As {@link #emitReleasing(InboundPacket, List)}, without the packet's object. */
    @Override
    public boolean emitReleasing(PacketContext context, List<FlowAction> actions) {
        ConnectPoint from = context.receivedFrom();
        return emit(from.dpid(), from.port(), actions, context.data(), context.bufferId());
    }

    private boolean emit(
            Dpid dpid,
            PortNumber inPort,
            List<FlowAction> actions,
            byte[] data,
            OptionalInt bufferId) {
        OfSwitch s = switches.getOrNull(dpid);
        if (s == null) {
            log.debug("Packet-out to {} dropped: not connected", dpid);
            return false;
        }
        if (!s.isMaster()) {
            log.debug("Packet-out to {} dropped: another instance masters it", dpid);
            return false;
        }
        OFFactory f = s.factory();
        ByteBuf out = s.answers().buffer(PacketOutWriter.SMALL_ACTIONS_BYTES + data.length);
        int mark = out.writerIndex();
        try {
            packetOuts.write(out, f, inPort, actions, data, bufferId, s.reserveXids(1));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            s.answers().abandon(out, mark);
            log.warn("Packet-out to {} not sent: {}", dpid, e.getMessage());
            return false;
        }
        s.answers().written(out);
        return true;
    }

    @Override
    public void packetIn(OfSwitch sw, PacketIn pi) {
        Registered[] procs = chain;
        if (procs.length == 0 || !sw.isMaster()) {
            return;
        }
        if (pi.inPort() == null) {
            log.debug("Packet-in without in_port from {}", sw.dpid());
            return;
        }
        Connected c = connected.get(sw);
        if (c == null) {
            sw.countPacketInDropped();
            return;
        }
        PacketInWorkers.Lane lane = c.lane();
        // Stamped here, on the I/O thread: time spent waiting for a worker is not the network's.
        // From the parts: the InboundPacket is made only if a processor asks for it.
        PacketContext ctx =
                contextFor(c)
                        .reset(
                                c.ports().at(pi.inPort()),
                                pi.data(),
                                System.nanoTime(),
                                pi.bufferId() != NO_BUFFER,
                                pi.bufferId());
        int from = workers.mayRunFast(lane) ? runFast(procs, ctx) : 0;
        if (from == procs.length) {
            return;
        }
        // The full steps run later, elsewhere: they get a context (and frame) of their own.
        PacketContext own = ctx.copy();
        if (!workers.runOrSubmit(lane, () -> process(procs, from, own))) {
            sw.countPacketInDropped();
        }
    }

    /**
     * The switch's reusable context: packet-ins come on its I/O thread, one at a time, and the fast
     * steps keep nothing of it ({@link PacketProcessor#processFast}). A call from any other thread
     * (none is expected) gets a fresh one, so two threads never fill the same context.
     */
    private static PacketContext contextFor(Connected c) {
        Thread me = Thread.currentThread();
        Thread owner = c.owner().get();
        if (owner == me || (owner == null && c.owner().compareAndSet(null, me))) {
            return c.reused();
        }
        return PacketContext.reusable();
    }

    /**
     * Runs the fast steps in order; returns where the full steps must start ({@code procs.length}:
     * nowhere, the packet is done).
     */
    private int runFast(Registered[] procs, PacketContext ctx) {
        for (int i = 0; i < procs.length; i++) {
            FastVerdict v;
            try {
                v = procs[i].processor().processFast(ctx);
            } catch (RuntimeException e) {
                logFailure(procs[i], ctx, e);
                continue;
            }
            switch (v) {
                case PASS -> {}
                case HANDLED -> {
                    ctx.block();
                    return procs.length;
                }
                case SLOW -> {
                    return i;
                }
            }
        }
        return procs.length;
    }

    private void process(Registered[] procs, int from, PacketContext ctx) {
        for (int i = from; i < procs.length && !ctx.isBlocked(); i++) {
            try {
                procs[i].processor().process(ctx);
            } catch (RuntimeException e) {
                logFailure(procs[i], ctx, e);
            }
        }
    }

    private static void logFailure(Registered r, PacketContext ctx, RuntimeException e) {
        log.error(
                "Packet processor {} failed on a packet from {}",
                r.processor().getClass().getName(),
                ctx.receivedFrom(),
                e);
    }
}
