package org.weft.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.Dpid;
import org.weft.net.PortNumber;
import org.weft.net.device.Device;
import org.weft.net.device.DeviceEvent;
import org.weft.net.device.DeviceService;
import org.weft.net.device.Port;
import org.weft.net.flow.FlowRuleService;
import org.weft.net.flow.GroupService;
import org.weft.net.host.Host;
import org.weft.net.host.HostEvent;
import org.weft.net.host.HostId;
import org.weft.net.host.HostService;
import org.weft.net.packet.PacketProcessor;
import org.weft.net.packet.PacketService;
import org.weft.net.routing.RoutingMetric;
import org.weft.net.routing.RoutingService;
import org.weft.net.topology.TopologyEvent;
import org.weft.net.topology.TopologyService;
import org.weft.net.topology.TopologySnapshot;

/**
 * Makes a fabric forward: for every known host, destination-based rules on every switch of its
 * component (select groups where equal-cost next hops exist); flooding along the spanning tree;
 * proxy ARP. Route work runs on the app's own thread; packet-ins are answered on the switch's I/O
 * thread.
 */
public final class RoutingApp implements RoutingService, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RoutingApp.class);

    /** Plan key of the flooding rules. */
    static final Object FLOOD = "flood";

    private final DeviceService devices;
    private final TopologyService topology;
    private final HostService hosts;
    private final PacketService packets;
    private final RouteProgrammer programmer;
    private final RoutingPacketHandler packetHandler;
    private final ExecutorService executor;
    private final Map<HostId, Integer> hostIndex = new ConcurrentHashMap<>();
    private final AtomicInteger nextIndex = new AtomicInteger();
    private volatile RoutingMetric metric;

    public RoutingApp(
            DeviceService devices,
            TopologyService topology,
            HostService hosts,
            PacketService packets,
            FlowRuleService flows,
            GroupService groups,
            RoutingMetric metric) {
        this.devices = devices;
        this.topology = topology;
        this.hosts = hosts;
        this.packets = packets;
        this.metric = metric;
        this.programmer = new RouteProgrammer(flows, groups);
        this.packetHandler = new RoutingPacketHandler(this, hosts, packets);
        this.executor =
                Executors.newSingleThreadExecutor(
                        r -> {
                            Thread t = new Thread(r, "weft-routing");
                            t.setDaemon(true);
                            return t;
                        });
    }

    public RoutingApp start() {
        packets.addProcessor(packetHandler, PacketProcessor.DIRECTOR);
        hosts.addListener(e -> executor.execute(() -> onHost(e)));
        topology.addListener(e -> executor.execute(() -> onTopology(e)));
        devices.addListener(e -> executor.execute(() -> onDevice(e)));
        executor.execute(this::replanAll);
        log.info("Routing started (metric {})", metric);
        return this;
    }

    @Override
    public RoutingMetric metric() {
        return metric;
    }

    @Override
    public CompletableFuture<Void> setMetric(RoutingMetric newMetric) {
        metric = newMetric;
        return CompletableFuture.supplyAsync(this::replanAll, executor).thenCompose(f -> f);
    }

    @Override
    public int routedHostCount() {
        return (int) programmer.keys().stream().filter(k -> k instanceof HostId).count();
    }

    TopologySnapshot snapshot() {
        return topology.currentSnapshot();
    }

    RouteProgrammer programmer() {
        return programmer;
    }

    /**
     * Installs (or updates) the routes toward a host; completes when the switches confirmed them.
     */
    CompletableFuture<Void> route(Host h) {
        HostAttachment dst =
                new HostAttachment(
                        h.mac(), h.vlan() == HostId.NO_VLAN ? null : h.vlan(), h.location());
        int index = hostIndex.computeIfAbsent(h.id(), id -> nextIndex.getAndIncrement());
        RoutingPlan plan =
                DestinationPlanner.plan(snapshot(), metric.weigher(), dst, index, switchInfos());
        return programmer.update(h.id(), plan, h.location().dpid());
    }

    /** Runs a task on the app's thread (route computation is single-threaded). */
    void submit(Runnable task) {
        executor.execute(task);
    }

    private void onHost(HostEvent e) {
        switch (e.type()) {
            case ADDED, MOVED, UPDATED -> route(e.subject());
            case REMOVED -> programmer.update(e.subject().id(), RoutingPlan.empty(), null);
        }
    }

    private void onTopology(TopologyEvent e) {
        boolean structural =
                !e.addedLinks().isEmpty()
                        || !e.removedLinks().isEmpty()
                        || !e.addedSwitches().isEmpty()
                        || !e.removedSwitches().isEmpty();
        if (structural || (metric != RoutingMetric.HOP_COUNT && !e.updatedLinks().isEmpty())) {
            replanAll();
        }
    }

    private void onDevice(DeviceEvent e) {
        switch (e.type()) {
            case DEVICE_CONNECTED -> programmer.reinstall(e.subject().dpid());
            case PORT_ADDED, PORT_UPDATED, PORT_REMOVED -> replanFlood();
            default -> {}
        }
    }

    private CompletableFuture<Void> replanFlood() {
        return programmer.update(FLOOD, FloodPlanner.plan(snapshot(), switchInfos()), null);
    }

    private CompletableFuture<Void> replanAll() {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        all.add(replanFlood());
        for (Host h : hosts.getHosts()) {
            all.add(route(h));
        }
        Set<Object> known = new java.util.HashSet<>();
        hosts.getHosts().forEach(h -> known.add(h.id()));
        for (Object key : programmer.keys()) {
            if (key instanceof HostId && !known.contains(key)) {
                all.add(programmer.update(key, RoutingPlan.empty(), null));
            }
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    /** What the planners need to know of every connected switch. */
    Map<Dpid, SwitchInfo> switchInfos() {
        Map<Dpid, SwitchInfo> m = new HashMap<>();
        for (Device d : devices.getDevices()) {
            m.put(d.dpid(), switchInfo(d));
        }
        return m;
    }

    static SwitchInfo switchInfo(Device d) {
        Set<PortNumber> live = new TreeSet<>();
        for (Port p : d.portList()) {
            if (p.isLive() && !p.number().isReserved()) {
                live.add(p.number());
            }
        }
        return SwitchInfo.of(!"OF_10".equals(d.protocol()), live);
    }

    DeviceService devices() {
        return devices;
    }

    @Override
    public void close() {
        packets.removeProcessor(packetHandler);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                log.warn("Routing work still running after 2 s at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
