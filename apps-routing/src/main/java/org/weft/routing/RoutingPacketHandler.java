package org.weft.routing;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.util.concurrent.RateLimiter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.weft.net.ConnectPoint;
import org.weft.net.Ip4Address;
import org.weft.net.PortNumber;
import org.weft.net.device.Device;
import org.weft.net.flow.FlowAction;
import org.weft.net.host.Host;
import org.weft.net.host.HostId;
import org.weft.net.host.HostProbe;
import org.weft.net.host.HostService;
import org.weft.net.packet.InboundPacket;
import org.weft.net.packet.OutboundPacket;
import org.weft.net.packet.PacketContext;
import org.weft.net.packet.PacketProcessor;
import org.weft.net.packet.PacketService;
import org.weft.net.packet.parse.Arp;
import org.weft.net.packet.parse.Ethernet;
import org.weft.net.packet.parse.Ipv4;
import org.weft.net.routing.ParkedFrameCounts;
import org.weft.net.topology.TopologySnapshot;

/**
 * The routing app's packet-in side (runs on the switch's I/O thread, after host learning): proxy
 * ARP for known hosts, delivery toward known hosts along their routes (installing them first when
 * missing, so the first packet is not lost), and flooding along the spanning tree for everything
 * else; an unknown unicast destination is also probed ({@link HostProbe}). Only packets from edge
 * ports are handled: a packet from a link port is a copy already being flooded by the tree rules.
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

    @Override
    public void process(PacketContext ctx) {
        InboundPacket in = ctx.inPacket();
        Optional<Ethernet> parsed = Ethernet.parse(in.data());
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
            flood(topo, from, in.data());
            return;
        }
        Optional<Host> dst = hosts.getHost(HostId.of(eth.dst(), eth.vlan()));
        if (dst.isPresent()) {
            deliver(dst.get(), from, in.data());
        } else {
            List<FlowAction> outs = floodActions(topo, from);
            if (!outs.isEmpty()) {
                send(from, outs, in.data());
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
        send(from, outs, HostProbe.arpRequest(target.get(), eth.vlan()));
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
     * lack the entry: a plain output rule is re-asserted at once; a rule pointing at a group is not
     * (after a reconnect the group may not be back yet, and the switch's audit restores both). The
     * packet itself goes out with the group resolved to a port, never naming a group.
     */
    private void deliver(Host dst, ConnectPoint from, byte[] frame) {
        PlanKey key = PlanKey.of(dst.id());
        RouteProgrammer programmer = app.programmer();
        List<FlowAction> actions = programmer.actionsAt(key, from.dpid());
        if (!actions.isEmpty()) {
            CompletableFuture<?> pending = programmer.pending(key);
            if (!pending.isDone()) {
                parked.park(
                        key,
                        pending,
                        frame.length,
                        () ->
                                send(
                                        from,
                                        programmer.resolved(key, from.dpid(), actions, frame),
                                        frame));
                return;
            }
            if (actions.stream().noneMatch(a -> a instanceof FlowAction.ToGroup)) {
                programmer.reassert(key, from.dpid());
            }
            send(from, programmer.resolved(key, from.dpid(), actions, frame), frame);
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
                            if (!installed.isEmpty()) {
                                send(
                                        from,
                                        programmer.resolved(key, from.dpid(), installed, frame),
                                        frame);
                            }
                        });
        if (kept) {
            app.submit(() -> forward(app.route(dst), routed));
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

    private void send(ConnectPoint from, List<FlowAction> actions, byte[] frame) {
        packets.emit(new OutboundPacket(from.dpid(), from.port(), actions, frame));
    }

    private void flood(TopologySnapshot topo, ConnectPoint from, byte[] frame) {
        List<FlowAction> outs = floodActions(topo, from);
        if (!outs.isEmpty()) {
            send(from, outs, frame);
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
