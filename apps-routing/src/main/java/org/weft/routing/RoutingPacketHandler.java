package org.weft.routing;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.util.concurrent.RateLimiter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.weft.net.ConnectPoint;
import org.weft.net.Ip4Address;
import org.weft.net.MacAddress;
import org.weft.net.PortNumber;
import org.weft.net.device.Device;
import org.weft.net.flow.FlowAction;
import org.weft.net.host.Host;
import org.weft.net.host.HostId;
import org.weft.net.host.HostProbe;
import org.weft.net.host.HostService;
import org.weft.net.packet.FastVerdict;
import org.weft.net.packet.InboundPacket;
import org.weft.net.packet.OutboundPacket;
import org.weft.net.packet.PacketContext;
import org.weft.net.packet.PacketProcessor;
import org.weft.net.packet.PacketService;
import org.weft.net.packet.parse.Arp;
import org.weft.net.packet.parse.Ethernet;
import org.weft.net.packet.parse.Ipv4;
import org.weft.net.routing.PacketInAnswers;
import org.weft.net.routing.ParkedFrameCounts;
import org.weft.net.topology.TopologySnapshot;

/**
 * The routing app's packet-in side (after host learning; the steady case in the fast step on the
 * switch's I/O thread, the rest on a packet-in worker): proxy ARP for known hosts, delivery toward
 * known hosts along their routes (installing them first when missing, so the first packet is not
 * lost), and flooding along the spanning tree for everything else; an unknown unicast destination
 * is also probed ({@link HostProbe}). Only packets from edge ports are handled: a packet from a
 * link port is a copy already being flooded by the tree rules.
 *
 * <p>A packet the switch buffered is answered by one flow-mod naming its buffer when the route's
 * rule at the switch can carry it, and otherwise by a packet-out naming the buffer. A buffered
 * packet Weft does not forward (an ARP request answered by proxy, a packet from a link port, an
 * answer to a probe) is not released: the switch frees that buffer itself after a while, which
 * costs no message (Open vSwitch never buffers).
 */
final class RoutingPacketHandler implements PacketProcessor {

    /** An unknown destination address is probed at most this often. */
    static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);

    private static final int PROBES_REMEMBERED = 10_000;

    /**
     * Probes per second in all: traffic toward many unknown addresses (a scan, or routed traffic
     * toward a gateway not yet learned) must not turn into a broadcast storm of probes.
     */
    static final double MAX_PROBES_PER_SECOND = 50;

    private final RoutingApp app;
    private final HostService hosts;
    private final PacketService packets;
    private final ParkedFrames parked;

    // How packet-ins were answered (see PacketInAnswers).
    private final LongAdder bufferedFlowMods = new LongAdder();
    private final LongAdder flowModsAndPacketOuts = new LongAdder();
    private final LongAdder packetOutsOnly = new LongAdder();

    /** A probed address in its VLAN. */
    private record Probe(Ip4Address ip, int vlan) {}

    private final RateLimiter probeBudget = RateLimiter.create(MAX_PROBES_PER_SECOND);

    private final Cache<Probe, Boolean> probed =
            CacheBuilder.newBuilder()
                    .expireAfterWrite(PROBE_INTERVAL)
                    .maximumSize(PROBES_REMEMBERED)
                    .build();

    /**
     * @param nanoClock monotonic time in nanoseconds for parked frames' ages ({@code
     *     System::nanoTime} outside tests)
     */
    RoutingPacketHandler(
            RoutingApp app,
            HostService hosts,
            PacketService packets,
            ParkedFrameLimits limits,
            LongSupplier nanoClock) {
        this.app = app;
        this.hosts = hosts;
        this.packets = packets;
        this.parked = new ParkedFrames(limits, nanoClock);
    }

    /**
     * The steady case on the I/O thread: a unicast, non-ARP frame from an edge port toward a known
     * host whose route at this switch is confirmed and points at a port (not a group) is answered
     * at once (see {@link #answerRouted}); a frame from a link port is dropped as in the full step.
     * Everything else (broadcast, ARP, unknown or unrouted destinations, routes still being
     * installed) takes the full step.
     */
    @Override
    public FastVerdict processFast(PacketContext ctx) {
        // The header's fields, the host and its plan's key are read without building objects:
        // this runs for every packet-in.
        if (!ctx.isEthernet() || ctx.ethType() == Ethernet.TYPE_LLDP) {
            return FastVerdict.PASS;
        }
        long dstMac = ctx.ethDst();
        if (ctx.ethType() == Ethernet.TYPE_ARP
                || MacAddress.isMulticast(dstMac) // broadcast too
                || dstMac == HostProbe.MAC.value()) {
            return FastVerdict.SLOW;
        }
        ConnectPoint from = ctx.receivedFrom();
        if (!isEdge(app.snapshot(), from)) {
            return FastVerdict.HANDLED;
        }
        Host dst = hosts.hostOrNull(dstMac, ctx.vlan());
        if (dst == null) {
            return FastVerdict.SLOW;
        }
        RouteProgrammer programmer = app.programmer();
        PlanKey key = programmer.keyOf(dst.id());
        List<FlowAction> actions = programmer.actionsAt(key, from.dpid());
        if (actions.isEmpty()
                || RouteProgrammer.hasGroup(actions)
                || !programmer.pending(key).isDone()) {
            return FastVerdict.SLOW;
        }
        answerRouted(programmer, key, from, ctx, actions);
        return FastVerdict.HANDLED;
    }

    @Override
    public void process(PacketContext ctx) {
        InboundPacket in = ctx.inPacket();
        Optional<Ethernet> parsed = ctx.ethernet();
        if (parsed.isEmpty() || parsed.get().ethType() == Ethernet.TYPE_LLDP) {
            return;
        }
        Ethernet eth = parsed.get();
        ctx.block();
        if (eth.dst().equals(HostProbe.MAC)) {
            return; // an answer to a probe: host learning, which ran first, has what it needs
        }
        TopologySnapshot topo = app.snapshot();
        ConnectPoint from = in.receivedFrom();
        if (!isEdge(topo, from)) {
            return;
        }
        if (eth.ethType() == Ethernet.TYPE_ARP) {
            Optional<Arp> arp = Arp.parse(eth);
            if (arp.isPresent()
                    && arp.get().opcode() == Arp.REQUEST
                    && proxyArp(from, eth, arp.get())) {
                return;
            }
        }
        if (eth.dst().isBroadcast() || eth.dst().isMulticast()) {
            flood(topo, from, in);
            return;
        }
        Optional<Host> dst = hosts.getHost(HostId.of(eth.dst(), eth.vlan()));
        if (dst.isPresent()) {
            deliver(dst.get(), from, ctx);
        } else {
            List<FlowAction> outs = floodActions(topo, from);
            if (!outs.isEmpty()) {
                if (send(outs, in)) {
                    packetOutsOnly.increment();
                }
                probe(from, outs, eth);
            }
        }
    }

    /**
     * Asks an unknown unicast destination to speak up (see {@link HostProbe}), at most once per
     * {@link #PROBE_INTERVAL} per address and VLAN and {@link #MAX_PROBES_PER_SECOND} in all; the
     * probe takes the flood's way ({@code outs}).
     */
    private void probe(ConnectPoint from, List<FlowAction> outs, Ethernet eth) {
        Optional<Ip4Address> target =
                switch (eth.ethType()) {
                    case Ethernet.TYPE_IPV4 -> Ipv4.parse(eth).map(Ipv4::dst);
                    case Ethernet.TYPE_ARP -> Arp.parse(eth).map(Arp::targetIp);
                    default -> Optional.empty();
                };
        if (target.isEmpty()
                || target.get().value() == 0
                || probed.asMap().putIfAbsent(new Probe(target.get(), eth.vlan()), Boolean.TRUE)
                        != null
                || !probeBudget.tryAcquire()) {
            return;
        }
        packets.emit(
                new OutboundPacket(
                        from.dpid(),
                        from.port(),
                        outs,
                        HostProbe.arpRequest(target.get(), eth.vlan())));
    }

    private static boolean isEdge(TopologySnapshot topo, ConnectPoint cp) {
        return !topo.isInfrastructure(cp);
    }

    private boolean proxyArp(ConnectPoint from, Ethernet eth, Arp req) {
        Optional<Host> target =
                hosts.getHostsByIp(req.targetIp()).stream()
                        .filter(h -> h.vlan() == eth.vlan())
                        .findFirst();
        if (target.isEmpty()) {
            return false;
        }
        Arp reply =
                new Arp(
                        Arp.REPLY,
                        target.get().mac(),
                        req.targetIp(),
                        req.senderMac(),
                        req.senderIp());
        byte[] frame =
                Ethernet.build(
                        eth.src(),
                        target.get().mac(),
                        eth.vlan(),
                        Ethernet.TYPE_ARP,
                        reply.toBytes());
        packets.emit(
                new OutboundPacket(
                        from.dpid(),
                        PortNumber.CONTROLLER,
                        List.of(FlowAction.output(from.port())),
                        frame));
        return true;
    }

    /**
     * Sends the packet the way the destination's route leaves this switch, once the route is
     * confirmed (frames wait in {@link ParkedFrames}, bounded). The switch asked, so its table may
     * lack the entry: a plain output rule is re-asserted at once, and when the switch buffered the
     * packet that flow-mod names the buffer and is the whole answer (the switch forwards the packet
     * by the rule); otherwise a packet-out follows. A rule pointing at a group is not re-asserted
     * (after a reconnect the group may not be back yet, and the switch's audit restores both), and
     * the packet goes out with the group resolved to a port, never naming a group. Every packet-out
     * of a buffered packet names its buffer (the whole packet goes, the buffer is freed).
     */
    private void deliver(Host dst, ConnectPoint from, PacketContext ctx) {
        RouteProgrammer programmer = app.programmer();
        PlanKey key = programmer.keyOf(dst.id());
        InboundPacket in = ctx.inPacket();
        byte[] frame = in.data();
        List<FlowAction> actions = programmer.actionsAt(key, from.dpid());
        if (!actions.isEmpty()) {
            CompletableFuture<?> pending = programmer.pending(key);
            if (!pending.isDone()) {
                parked.park(
                        key,
                        pending,
                        frame.length,
                        () -> {
                            if (send(programmer.resolved(key, from.dpid(), actions, frame), in)) {
                                packetOutsOnly.increment();
                            }
                        });
                return;
            }
            answerRouted(programmer, key, from, ctx, actions);
            return;
        }
        CompletableFuture<Object> routed = new CompletableFuture<>();
        boolean kept =
                parked.park(
                        key,
                        routed,
                        frame.length,
                        () -> {
                            List<FlowAction> installed = programmer.actionsAt(key, from.dpid());
                            if (!installed.isEmpty()
                                    && send(
                                            programmer.resolved(key, from.dpid(), installed, frame),
                                            in)) {
                                packetOutsOnly.increment();
                            }
                        });
        if (kept) {
            app.submit(() -> forward(app.route(dst), routed));
        }
    }

    /**
     * Answers a packet-in toward a destination whose route at this switch is confirmed: re-asserts
     * the rule (naming the buffer when there is one: that is the whole answer) unless it points at
     * a group, and sends the packet the route's way otherwise.
     */
    private void answerRouted(
            RouteProgrammer programmer,
            PlanKey key,
            ConnectPoint from,
            PacketContext ctx,
            List<FlowAction> actions) {
        boolean reasserted =
                !RouteProgrammer.hasGroup(actions)
                        && programmer.reassert(
                                key, from.dpid(), ctx.isBuffered(), ctx.bufferIdValue());
        if (reasserted && ctx.isBuffered()) {
            bufferedFlowMods.increment();
            return;
        }
        if (packets.emitReleasing(
                ctx, programmer.resolved(key, from.dpid(), actions, ctx.data()))) {
            (reasserted ? flowModsAndPacketOuts : packetOutsOnly).increment();
        }
    }

    private static void forward(CompletableFuture<?> from, CompletableFuture<Object> to) {
        from.whenComplete(
                (ok, e) -> {
                    if (e == null) {
                        to.complete(ok);
                    } else {
                        to.completeExceptionally(e);
                    }
                });
    }

    /** Frames parked now and frames dropped since start. */
    ParkedFrameCounts parkedFrames() {
        return parked.counts();
    }

    /** How the packet-ins forwarded so far were answered. */
    PacketInAnswers answers() {
        return new PacketInAnswers(
                bufferedFlowMods.sum(), flowModsAndPacketOuts.sum(), packetOutsOnly.sum());
    }

    /**
     * Sends a packet-in's packet out of its switch (from the switch's buffer when it has one).
     * Returns false when the switch is not connected.
     */
    private boolean send(List<FlowAction> actions, InboundPacket in) {
        return packets.emitReleasing(in, actions);
    }

    private void flood(TopologySnapshot topo, ConnectPoint from, InboundPacket in) {
        List<FlowAction> outs = floodActions(topo, from);
        if (!outs.isEmpty() && send(outs, in)) {
            packetOutsOnly.increment();
        }
    }

    /**
     * Where a packet from {@code from} is flooded: every other tree and edge port of its switch.
     */
    private List<FlowAction> floodActions(TopologySnapshot topo, ConnectPoint from) {
        Optional<Device> d = app.devices().getDevice(from.dpid());
        if (d.isEmpty()) {
            return List.of();
        }
        return FloodPlanner.floodPorts(
                        topo, from.dpid(), PlanContexts.switchInfo(d.get()), from.port())
                .stream()
                .map(p -> (FlowAction) FlowAction.output(p))
                .toList();
    }
}
