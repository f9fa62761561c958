package org.weft.dist;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.device.DeviceService;
import org.weft.net.host.HostService;
import org.weft.net.host.impl.HostTableLimits;
import org.weft.net.host.impl.HostTracker;
import org.weft.net.link.LinkAdminService;
import org.weft.net.link.LinkService;
import org.weft.net.link.impl.DiscoveryConfig;
import org.weft.net.link.impl.LinkDiscovery;
import org.weft.net.link.impl.LinkManager;
import org.weft.net.packet.PacketService;
import org.weft.net.topology.PathService;
import org.weft.net.topology.TopologyService;
import org.weft.net.topology.impl.SnapshotPathService;
import org.weft.net.topology.impl.TopologyManager;
import org.weft.time.TimeSource;
import org.weft.util.BoundedExecutor;

/**
 * Core's services built over the driver's device and packet services: link discovery, links,
 * topology, paths and hosts, with one event thread for their listeners. The event thread's queue is
 * bounded ({@link #MAX_QUEUED_EVENTS}): an event posted while it is full is dropped and counted
 * ({@link #eventsDropped()}, {@code weft_core_events_dropped_total} in {@code /metrics}); the
 * posters already handle a rejected event (as after shutdown) by leaving it out.
 */
public final class CoreServices implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CoreServices.class);

    /**
     * Most events waiting for core's listeners. Listeners take microseconds per event and a burst
     * (hundreds of switches connecting, a host flood held down by {@link HostTableLimits}) posts
     * thousands; the bound only caps the memory a stuck listener can make the queue hold.
     */
    static final int MAX_QUEUED_EVENTS = 100_000;

    /**
     * What core needs from the configuration.
     *
     * @param discovery LLDP settings
     * @param batchWindow how long the topology writer collects events into one snapshot
     * @param maxBatchEvents most events in one snapshot
     * @param hostIdleTimeout when an idle host is forgotten
     */
    public record Settings(
            DiscoveryConfig discovery,
            Duration batchWindow,
            int maxBatchEvents,
            Duration hostIdleTimeout,
            HostTableLimits hostLimits) {

        /** Defaults with a random HMAC key. */
        public static Settings defaults() {
            return new Settings(
                    DiscoveryConfig.defaults(),
                    TopologyManager.DEFAULT_BATCH_WINDOW,
                    TopologyManager.DEFAULT_MAX_BATCH_EVENTS,
                    HostTracker.DEFAULT_IDLE_TIMEOUT,
                    HostTableLimits.defaults());
        }
    }

    private final TimeSource time;
    private final BoundedExecutor events;
    private final LinkManager links;
    private final LinkDiscovery discovery;
    private final TopologyManager topology;
    private final PathService paths;
    private final HostTracker hosts;
    private final DiscoveryConfig discoveryConfig;

    private CoreServices(
            DeviceService devices,
            PacketService packets,
            Settings s,
            TimeSource time,
            int maxQueuedEvents) {
        this.time = time;
        this.discoveryConfig = s.discovery();
        this.events = new BoundedExecutor("weft-core-events", maxQueuedEvents);
        this.links = new LinkManager(events, time, s.discovery().linkTimeout());
        this.discovery = new LinkDiscovery(devices, packets, links, s.discovery(), time);
        this.topology =
                new TopologyManager(
                        devices, links, events, time, s.batchWindow(), s.maxBatchEvents());
        this.paths = new SnapshotPathService(topology::currentSnapshot);
        this.hosts =
                new HostTracker(devices, links, events, time, s.hostIdleTimeout(), s.hostLimits());
        devices.addListener(links);
        topology.start();
        hosts.start(packets);
        discovery.start();
    }

    /** Builds and starts every core service over the driver's services, on real time. */
    public static CoreServices start(DeviceService devices, PacketService packets, Settings s) {
        return start(devices, packets, s, TimeSource.system());
    }

    /** Builds and starts every core service over the driver's services, on the given time. */
    public static CoreServices start(
            DeviceService devices, PacketService packets, Settings s, TimeSource time) {
        return start(devices, packets, s, time, MAX_QUEUED_EVENTS);
    }

    /** As {@link #start(DeviceService, PacketService, Settings, TimeSource)}, another bound. */
    static CoreServices start(
            DeviceService devices,
            PacketService packets,
            Settings s,
            TimeSource time,
            int maxQueuedEvents) {
        return new CoreServices(
                checkNotNull(devices, "devices"),
                checkNotNull(packets, "packets"),
                checkNotNull(s, "settings"),
                checkNotNull(time, "time"),
                maxQueuedEvents);
    }

    /** The time every core service reads and sets its timers on; apps take it too. */
    public TimeSource time() {
        return time;
    }

    public LinkService linkService() {
        return links;
    }

    public LinkAdminService linkAdminService() {
        return links;
    }

    /** The link manager itself, for what feeds it besides discovery (measured load). */
    public LinkManager linkManager() {
        return links;
    }

    public LinkDiscovery linkDiscovery() {
        return discovery;
    }

    public TopologyService topologyService() {
        return topology;
    }

    public PathService pathService() {
        return paths;
    }

    public HostService hostService() {
        return hosts;
    }

    /** The host tracker itself, for what feeds it besides packet-ins (the cluster's hosts). */
    public HostTracker hostTracker() {
        return hosts;
    }

    /** LLDP settings (the cluster's link sharing runs once per interval). */
    public DiscoveryConfig discoveryConfig() {
        return discoveryConfig;
    }

    /** Events waiting for core's listeners (links, hosts, topology) now. */
    public int eventBacklog() {
        return events.backlog();
    }

    /** Events dropped since start because {@link #MAX_QUEUED_EVENTS} were waiting already. */
    public long eventsDropped() {
        return events.rejected();
    }

    /**
     * The single thread core listeners run on; apps may deliver their own events on it too. It
     * rejects work (a {@link java.util.concurrent.RejectedExecutionException}) when shut down or
     * full.
     */
    public Executor eventExecutor() {
        return events;
    }

    @Override
    public void close() {
        discovery.stop();
        hosts.stop();
        topology.stop();
        events.shutdown();
        try {
            if (!events.awaitTermination(2, TimeUnit.SECONDS)) {
                log.warn("Core listeners still busy after 2 s at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
