package org.weft.rest;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.List;
import org.weft.health.HealthService;
import org.weft.net.device.DeviceService;
import org.weft.net.flow.FlowRuleService;
import org.weft.net.host.HostService;
import org.weft.net.link.LinkAdminService;
import org.weft.net.link.LinkService;
import org.weft.net.reconcile.ReconcileService;
import org.weft.net.routing.RoutingService;
import org.weft.net.stats.StatsService;
import org.weft.net.steering.SteeringService;
import org.weft.net.topology.PathService;
import org.weft.net.topology.TopologyService;
import org.weft.rest.events.EventSource;
import org.weft.rest.metrics.WeftMetrics;
import org.weft.store.IntentStore;

/**
 * The core services the REST API reads and drives.
 *
 * @param eventSources every source of the {@code /api/v1/events} stream (devices at least)
 * @param network links, hosts, topology and paths; null answers their routes with 503
 * @param routing the routing app; null (routing disabled) answers {@code /routing} with 503
 * @param steering the steering service; null answers {@code /steering} with 503
 * @param reconciler converges switches to intent; static flows register with it as an app. Null
 *     (embedded tests only): static flows are then installed when pushed and never reconciled
 * @param health the controller's health for {@code /health}; null: UP whenever REST answers, with
 *     the connected switches only
 */
public record RestServices(
        DeviceService devices,
        FlowRuleService flowRules,
        StatsService stats,
        IntentStore intents,
        WeftMetrics metrics,
        List<EventSource> eventSources,
        Network network,
        RoutingService routing,
        SteeringService steering,
        ReconcileService reconciler,
        HealthService health) {

    /**
     * Core's network services.
     *
     * @param linkAdmin sets admin weights
     */
    public record Network(
            LinkService links,
            LinkAdminService linkAdmin,
            HostService hosts,
            TopologyService topology,
            PathService paths) {

        public Network {
            checkNotNull(links, "links");
            checkNotNull(linkAdmin, "linkAdmin");
            checkNotNull(hosts, "hosts");
            checkNotNull(topology, "topology");
            checkNotNull(paths, "paths");
        }
    }

    /** Switches and flows only: no network, routing, steering, reconciler or health services. */
    public RestServices(
            DeviceService devices,
            FlowRuleService flowRules,
            StatsService stats,
            IntentStore intents,
            WeftMetrics metrics,
            List<EventSource> eventSources) {
        this(
                devices,
                flowRules,
                stats,
                intents,
                metrics,
                eventSources,
                null,
                null,
                null,
                null,
                null);
    }

    public RestServices {
        checkNotNull(devices, "devices");
        checkNotNull(flowRules, "flowRules");
        checkNotNull(stats, "stats");
        checkNotNull(intents, "intents");
        checkNotNull(metrics, "metrics");
        eventSources = ImmutableList.copyOf(eventSources);
    }
}
