package org.weft.openflow;

import io.netty.handler.ssl.SslContext;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.cluster.MastershipService;
import org.weft.net.device.DeviceService;
import org.weft.net.flow.FlowRuleCounters;
import org.weft.net.flow.FlowRuleService;
import org.weft.net.flow.GroupService;
import org.weft.net.flow.PipelineService;
import org.weft.net.meter.MeterService;
import org.weft.net.packet.PacketService;
import org.weft.net.reconcile.IntentSource;
import org.weft.net.stats.StatsService;
import org.weft.openflow.channel.OfServer;
import org.weft.openflow.channel.OfSwitchRegistry;
import org.weft.openflow.channel.OfWarmup;
import org.weft.openflow.provider.CoreFlowIntent;
import org.weft.openflow.provider.OfDeviceManager;
import org.weft.openflow.provider.OfFlowRuleManager;
import org.weft.openflow.provider.OfMeterManager;
import org.weft.openflow.provider.OfPacketManager;
import org.weft.openflow.provider.OfRoleManager;
import org.weft.openflow.provider.OfStatsManager;
import org.weft.openflow.provider.PacketInWorkers;
import org.weft.util.BoundedExecutor;

/** The OpenFlow driver assembled: server, switch registry and the core services it implements. */
public final class OfController implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OfController.class);

    private final OfConfig config;
    private final OfSwitchRegistry registry;
    private final ExecutorService events;
    private final OfDeviceManager devices;
    private final OfFlowRuleManager flows;
    private final OfPacketManager packets;
    private final PacketInWorkers packetWorkers;
    private final OfStatsManager stats;

    /**
     * Statistics replies waiting to be translated at most; only replies to Weft's own requests get
     * there, and those are bounded by their callers (the collector's and the reconciler's passes in
     * flight), so this is a backstop: a reply over it fails its request.
     */
    private static final int STATS_REPLIES_WAITING = 4096;

    private final BoundedExecutor statsTranslation;
    private final OfMeterManager meters;
    private final OfServer server;

    public OfController(OfConfig config) {
        this(config, null);
    }

    /**
     * @param mastership the cluster's mastership, enforced on the switches with role requests; null
     *     for a single instance (master of every switch)
     */
    public OfController(OfConfig config, MastershipService mastership) {
        this.config = config;
        this.registry = new OfSwitchRegistry(config.duplicateProbeTimeout());
        this.events =
                new java.util.concurrent.ThreadPoolExecutor(
                        1,
                        1,
                        0,
                        TimeUnit.MILLISECONDS,
                        new java.util.concurrent.LinkedBlockingQueue<>(),
                        r -> {
                            Thread t = new Thread(r, "weft-device-events");
                            t.setDaemon(true);
                            return t;
                        });
        this.devices = new OfDeviceManager(registry, events);
        this.flows = new OfFlowRuleManager(registry);
        this.packetWorkers =
                new PacketInWorkers(
                        config.limits().packetIns().effectiveWorkerThreads(),
                        config.limits().packetIns().queuePerSwitch());
        this.packets = new OfPacketManager(registry, flows, packetWorkers);
        this.statsTranslation = new BoundedExecutor("weft-stats", STATS_REPLIES_WAITING);
        this.stats = new OfStatsManager(registry, statsTranslation);
        this.meters = new OfMeterManager(registry);
        SslContext ssl = config.tls() == null ? null : OfTls.serverContext(config.tls());
        this.server = new OfServer(config, registry, ssl);
        if (mastership != null) {
            new OfRoleManager(registry, mastership);
        }
    }

    public OfController start() throws InterruptedException {
        OfWarmup.run(config);
        server.start();
        return this;
    }

    /** Ports actually listening (differs from the configuration when it asked for port 0). */
    public List<Integer> boundPorts() {
        return server.boundPorts();
    }

    public OfConfig config() {
        return config;
    }

    public DeviceService deviceService() {
        return devices;
    }

    public FlowRuleService flowRuleService() {
        return flows;
    }

    public FlowRuleCounters flowRuleCounters() {
        return flows;
    }

    public GroupService groupService() {
        return flows;
    }

    public PacketService packetService() {
        return packets;
    }

    public MeterService meterService() {
        return meters;
    }

    public PipelineService pipelineService() {
        return flows;
    }

    public StatsService statsService() {
        return stats;
    }

    /** The driver's own entries (table-miss, packet requests), for the reconciler. */
    public IntentSource coreIntent() {
        return new CoreFlowIntent(registry, packets);
    }

    /** Whether the OpenFlow listeners are bound and accepting. */
    public boolean isListening() {
        return !server.boundPorts().isEmpty();
    }

    /** Device events waiting for their listeners. */
    public int deviceEventBacklog() {
        return ((java.util.concurrent.ThreadPoolExecutor) events).getQueue().size();
    }

    public OfSwitchRegistry switches() {
        return registry;
    }

    @Override
    public void close() {
        server.stop();
        packetWorkers.close();
        statsTranslation.shutdown();
        events.shutdown();
        try {
            if (!events.awaitTermination(2, TimeUnit.SECONDS)) {
                log.warn("Event listeners still busy after 2 s at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
