package org.weft.openflow.provider;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.cluster.NotMasterException;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.packet.InboundPacket;
import org.weft.net.packet.OutboundPacket;
import org.weft.net.packet.PacketContext;
import org.weft.net.packet.PacketProcessor;
import org.weft.net.packet.PacketService;
import org.weft.openflow.channel.CoreFlows;
import org.weft.openflow.channel.OfSwitch;
import org.weft.openflow.channel.OfSwitchListener;
import org.weft.openflow.channel.OfSwitchRegistry;
import org.weft.openflow.translate.OfActions;
import org.weft.openflow.translate.OfPackets;
import org.weft.openflow.translate.OfPorts;

/**
 * {@link PacketService}: hands each packet-in to the {@link PacketInWorkers} (off the I/O thread,
 * in order per switch, fairly across switches, bounded per switch), where processors run in
 * priority order; sends packet-outs; keeps packet requests installed on every switch as it
 * connects.
 */
public final class OfPacketManager implements PacketService, OfSwitchListener {

    private static final Logger log = LoggerFactory.getLogger(OfPacketManager.class);

    private static final byte[] EMPTY = new byte[0];

    private record Registered(PacketProcessor processor, int priority) {}

    private record Request(FlowMatch match, int priority) {}

    private final OfSwitchRegistry switches;
    private final OfFlowRuleManager flows;
    private final List<Registered> processors = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final PacketInWorkers workers;
    private final Map<OfSwitch, PacketInWorkers.Lane> lanes = new ConcurrentHashMap<>();

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
    }

    @Override
    public synchronized void removeProcessor(PacketProcessor processor) {
        processors.removeIf(r -> r.processor() == processor);
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
        PacketInWorkers.Lane lane = lanes.computeIfAbsent(sw, s -> workers.newLane());
        sw.watchPacketInBacklog(() -> workers.isFull(lane));
        requests.forEach(r -> install(sw, r));
    }

    @Override
    public void switchDisconnected(OfSwitch sw) {
        PacketInWorkers.Lane lane = lanes.remove(sw);
        if (lane != null) {
            workers.close(lane);
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
        Optional<OfSwitch> sw = switches.get(packet.dpid());
        if (sw.isEmpty()) {
            log.debug("Packet-out to {} dropped: not connected", packet.dpid());
            return false;
        }
        if (!sw.get().isMaster()) {
            log.debug("Packet-out to {} dropped: another instance masters it", packet.dpid());
            return false;
        }
        OFFactory f = sw.get().factory();
        sw.get()
                .send(
                        f.buildPacketOut()
                                .setXid(sw.get().reserveXids(1))
                                .setBufferId(OfPackets.toOf(packet.bufferId()))
                                .setInPort(OfPorts.toOf(packet.inPort()))
                                .setActions(OfActions.toOf(f, packet.actions()))
                                // A named buffer is the packet: its data would be ignored.
                                .setData(packet.bufferId().isPresent() ? EMPTY : packet.data())
                                .build());
        return true;
    }

    @Override
    public void packetIn(OfSwitch sw, OFPacketIn pi) {
        if (processors.isEmpty() || !sw.isMaster()) {
            return;
        }
        OFPort in =
                pi.getVersion() == OFVersion.OF_10
                        ? pi.getInPort()
                        : pi.getMatch().get(MatchField.IN_PORT);
        if (in == null) {
            log.debug("Packet-in without in_port from {}", sw.dpid());
            return;
        }
        // Stamped here, on the I/O thread: time spent waiting for a worker is not the network's.
        InboundPacket packet =
                new InboundPacket(
                        new ConnectPoint(sw.dpid(), OfPorts.toCore(in)),
                        pi.getData(),
                        System.nanoTime(),
                        OfPackets.toCore(pi.getBufferId()));
        PacketInWorkers.Lane lane = lanes.get(sw);
        if (lane == null || !workers.runOrSubmit(lane, () -> process(packet))) {
            sw.countPacketInDropped();
        }
    }

    private void process(InboundPacket packet) {
        PacketContext ctx = new PacketContext(packet);
        for (Registered r : processors) {
            if (ctx.isBlocked()) {
                break;
            }
            try {
                r.processor().process(ctx);
            } catch (RuntimeException e) {
                log.error(
                        "Packet processor {} failed on a packet from {}",
                        r.processor().getClass().getName(),
                        packet.receivedFrom(),
                        e);
            }
        }
    }
}
