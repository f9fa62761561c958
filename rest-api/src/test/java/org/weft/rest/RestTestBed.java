package org.weft.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.weft.failover.FailoverApp;
import org.weft.failover.FailoverConfig;
import org.weft.intent.StaticFlowManager;
import org.weft.intent.StoredLinkCapacities;
import org.weft.intent.StoredLinkWeights;
import org.weft.intent.StoredSteeringRules;
import org.weft.net.Ip4Address;
import org.weft.net.MacAddress;
import org.weft.net.PortNumber;
import org.weft.net.device.DeviceService;
import org.weft.net.host.impl.HostTracker;
import org.weft.net.link.impl.DiscoveryConfig;
import org.weft.net.link.impl.LinkDiscovery;
import org.weft.net.link.impl.LinkManager;
import org.weft.net.link.impl.LldpSigner;
import org.weft.net.packet.PacketService;
import org.weft.net.packet.parse.Arp;
import org.weft.net.packet.parse.Ethernet;
import org.weft.net.reconcile.impl.ReconcileConfig;
import org.weft.net.reconcile.impl.Reconciler;
import org.weft.net.stats.impl.LoadMonitor;
import org.weft.net.stats.impl.StatsCollector;
import org.weft.net.testing.Await;
import org.weft.net.topology.PathService;
import org.weft.net.topology.impl.SnapshotPathService;
import org.weft.net.topology.impl.TopologyManager;
import org.weft.openflow.OfConfig;
import org.weft.openflow.OfController;
import org.weft.openflow.emulator.EmulatedFabric;
import org.weft.openflow.emulator.EmulatedSwitch;
import org.weft.openflow.emulator.OpenFlowVersion;
import org.weft.policy.PolicyApp;
import org.weft.rest.events.DeviceEventSource;
import org.weft.rest.events.HostEventSource;
import org.weft.rest.events.LinkEventSource;
import org.weft.rest.events.LoadEventSource;
import org.weft.rest.metrics.WeftMetrics;
import org.weft.routing.RoutingApp;
import org.weft.routing.steering.SteeringApp;
import org.weft.store.IntentStore;
import org.weft.store.impl.FileIntentStore;
import org.weft.time.TimeSource;

/**
 * The real OpenFlow driver on an ephemeral port, emulated switches, and the REST server on an
 * ephemeral port with its store in a directory; closed together.
 */
public final class RestTestBed implements AutoCloseable {

    public static final String TOKEN = "test-token-0123456789abcdef";

    public final OfController controller;
    public final RestServer server;
    public final LinkManager links;
    public final TopologyManager topology;
    public final HostTracker hosts;
    public final RoutingApp routing;
    public final SteeringApp steering;
    public final FailoverApp failover;
    public final Reconciler reconciler;

    /** Port rates and link loads; fed once {@link #startStats} started a collector. */
    public final LoadMonitor loads;

    private volatile StatsCollector stats;

    public final PolicyApp policy;
    private final LinkDiscovery discovery;
    private final ExecutorService coreEvents = Executors.newSingleThreadExecutor();
    public final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    public final ObjectMapper json = new ObjectMapper();
    private final List<EmulatedSwitch> switches = new ArrayList<>();
    private final List<EmulatedFabric> fabrics = new ArrayList<>();

    public RestTestBed(Path dataDir) throws Exception {
        this(RestConfig.defaults(dataDir).withPort(0).withToken(TOKEN, false), Map.of());
    }

    /**
     * A bed whose driver's request timeout is the REST configuration's switch call timeout (as Weft
     * wires them both from {@code openflow.requestTimeoutMs}).
     */
    public RestTestBed(RestConfig config, Map<String, String> env) throws Exception {
        OfConfig of = OfConfig.defaults().withPorts(List.of(0));
        controller =
                new OfController(
                                new OfConfig(
                                                "127.0.0.1",
                                                List.of(0),
                                                of.handshakeTimeout(),
                                                of.echoInterval(),
                                                of.echoMissLimit(),
                                                of.duplicateProbeTimeout(),
                                                of.missSendLen(),
                                                false,
                                                2,
                                                null)
                                        .withLimits(
                                                of.limits()
                                                        .withRequestTimeout(
                                                                config.switchCallTimeout())))
                        .start();
        DeviceService devices = controller.deviceService();
        PacketService packets = controller.packetService();
        TimeSource time = TimeSource.system();
        links = new LinkManager(coreEvents, time, Duration.ofSeconds(3));
        discovery =
                new LinkDiscovery(
                        devices,
                        packets,
                        links,
                        new DiscoveryConfig(Duration.ofMillis(200), 15, LldpSigner.randomKey()),
                        time);
        topology =
                new TopologyManager(
                        devices,
                        links,
                        coreEvents,
                        time,
                        Duration.ofMillis(20),
                        TopologyManager.DEFAULT_MAX_BATCH_EVENTS);
        PathService paths = new SnapshotPathService(topology::currentSnapshot);
        hosts = new HostTracker(devices, links, coreEvents, time, Duration.ofMinutes(5));
        loads =
                new LoadMonitor(
                        links, coreEvents, time, new LoadMonitor.Settings(0.8, 0.7, 10, 60_000));
        devices.addListener(links);
        topology.start();
        hosts.start(packets);
        discovery.start();
        IntentStore intents = new FileIntentStore(config.dataDir().resolve("intents"));
        routing =
                new RoutingApp(
                                devices,
                                topology,
                                hosts,
                                packets,
                                controller.flowRuleService(),
                                controller.groupService(),
                                controller.statsService(),
                                org.weft.routing.RoutingConfig.defaults())
                        .start();
        steering =
                new SteeringApp(
                                devices,
                                topology,
                                hosts,
                                paths,
                                controller.flowRuleService(),
                                new StoredSteeringRules(intents),
                                () -> routing.metric().weigher())
                        .start();
        failover =
                new FailoverApp(
                                routing,
                                routing.planner(),
                                topology,
                                FailoverConfig.defaults(),
                                coreEvents,
                                time)
                        .start();
        reconciler =
                new Reconciler(
                        devices,
                        controller.flowRuleService(),
                        controller.groupService(),
                        controller.statsService(),
                        controller.flowRuleCounters(),
                        ReconcileConfig.defaults().withInterval(Duration.ofSeconds(5)),
                        time);
        reconciler.register(controller.coreIntent());
        reconciler.register(routing.intentSource());
        policy =
                new PolicyApp(
                                devices,
                                links,
                                hosts,
                                controller.pipelineService(),
                                controller.meterService(),
                                controller.statsService(),
                                intents)
                        .start(reconciler);
        reconciler.register(policy.intentSource());
        // Static flows register with the reconciler before it starts, as Weft wires them.
        StaticFlowManager staticFlows =
                new StaticFlowManager(
                        devices,
                        controller.flowRuleService(),
                        intents,
                        config.switchCallTimeout(),
                        reconciler);
        RestServices services =
                new RestServices(
                        devices,
                        controller.statsService(),
                        staticFlows,
                        new WeftMetrics(),
                        List.of(
                                new DeviceEventSource(devices),
                                new LinkEventSource(links),
                                new HostEventSource(hosts),
                                new LoadEventSource(loads)),
                        new RestServices.Network(
                                links,
                                new StoredLinkWeights(links, intents),
                                hosts,
                                topology,
                                paths,
                                new StoredLinkCapacities(links, intents),
                                loads),
                        routing,
                        steering,
                        reconciler,
                        null,
                        failover,
                        new RestServices.Policy(
                                policy.acls(),
                                policy.rateLimits(),
                                controller.pipelineService(),
                                policy::workDropped));
        try {
            server = RestServer.start(config, services, env::get);
        } catch (Exception e) {
            closeServices();
            throw e;
        }
        reconciler.start();
    }

    /** Starts polling every switch's port statistics at the interval (none before). */
    public StatsCollector startStats(Duration interval) {
        stats =
                new StatsCollector(
                                controller.deviceService(),
                                controller.statsService(),
                                loads,
                                TimeSource.system(),
                                new StatsCollector.Settings(interval, 8, interval))
                        .start();
        return stats;
    }

    public String base() {
        return "http://127.0.0.1:" + server.port();
    }

    public EmulatedSwitch connect(long dpid) throws Exception {
        return connect(
                EmulatedSwitch.builder(dpid).version(OpenFlowVersion.OF_13).ports(4).build());
    }

    public EmulatedSwitch connect(EmulatedSwitch sw) throws Exception {
        switches.add(sw);
        sw.connect("127.0.0.1", controller.boundPorts().get(0)).get(5, TimeUnit.SECONDS);
        assertThat(sw.awaitHandshake(Duration.ofSeconds(5))).as("handshake").isTrue();
        waitUntil(() -> controller.deviceService().isConnected(sw.dpid()), Duration.ofSeconds(5));
        return sw;
    }

    /** A response with its status, raw body and parsed JSON (null when the body is not JSON). */
    public record Reply(int status, String body, JsonNode json, HttpResponse<String> raw) {}

    public Reply get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Reply post(String path, String body) throws Exception {
        return send(
                HttpRequest.newBuilder(uri(path))
                        .header("Authorization", "Bearer " + server.token())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Reply delete(String path) throws Exception {
        return send(
                HttpRequest.newBuilder(uri(path))
                        .header("Authorization", "Bearer " + server.token())
                        .DELETE());
    }

    public Reply send(HttpRequest.Builder req) throws Exception {
        HttpResponse<String> r =
                http.send(
                        req.timeout(Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonNode node = null;
        if (r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            node = json.readTree(r.body());
        }
        return new Reply(r.statusCode(), r.body(), node, r);
    }

    /** GET returning the JSON body, for polling inside {@link #waitUntil}. */
    public JsonNode get0(String path) {
        try {
            return get(path).json();
        } catch (Exception e) {
            throw new IllegalStateException("GET " + path + " failed", e);
        }
    }

    public URI uri(String path) {
        return URI.create(base() + path);
    }

    /** Returns once {@code condition} holds (a bounded wait: {@link Await#until}). */
    public static void waitUntil(BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        Await.until(condition, timeout, "condition");
    }

    /** Connects a fabric of emulated switches and waits until every cable is a discovered link. */
    public EmulatedFabric connect(EmulatedFabric fabric) throws Exception {
        fabrics.add(fabric);
        fabric.connect("127.0.0.1", controller.boundPorts().get(0), Duration.ofSeconds(10));
        int expected = fabric.cables().size() * 2;
        waitUntil(
                () -> topology.currentSnapshot().links().size() == expected,
                Duration.ofSeconds(10));
        return fabric;
    }

    /** Makes a host known: an ARP request from it arrives at the switch port. */
    public void announceHost(EmulatedSwitch sw, int port, String mac, String ip) throws Exception {
        MacAddress m = MacAddress.parse(mac);
        Ip4Address a = Ip4Address.parse(ip);
        byte[] arp =
                new Arp(Arp.REQUEST, m, a, MacAddress.of(0), Ip4Address.parse("10.255.255.254"))
                        .toBytes();
        sw.sendPacketIn(
                PortNumber.of(port),
                Ethernet.build(MacAddress.BROADCAST, m, Ethernet.NO_VLAN, Ethernet.TYPE_ARP, arp));
        waitUntil(() -> !hosts.getHostsByIp(a).isEmpty(), Duration.ofSeconds(5));
    }

    @Override
    public void close() {
        server.close();
        closeServices();
    }

    private void closeServices() {
        StatsCollector c = stats;
        if (c != null) {
            c.close();
        }
        failover.close(); // first: its hold-down timer hands work to coreEvents
        reconciler.close();
        policy.close();
        discovery.stop();
        hosts.stop();
        topology.stop();
        coreEvents.shutdownNow();
        steering.close();
        routing.close();
        switches.forEach(EmulatedSwitch::close);
        fabrics.forEach(EmulatedFabric::close);
        controller.close();
    }
}
