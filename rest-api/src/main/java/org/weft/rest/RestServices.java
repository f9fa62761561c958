package org.weft.rest;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.function.LongSupplier;
import org.weft.health.HealthService;
import org.weft.net.device.DeviceService;
import org.weft.net.failover.FailoverService;
import org.weft.net.flow.PipelineService;
import org.weft.net.host.HostService;
import org.weft.net.intent.LinkCapacityService;
import org.weft.net.intent.LinkWeightService;
import org.weft.net.intent.StaticFlowService;
import org.weft.net.link.LinkService;
import org.weft.net.policy.AclService;
import org.weft.net.policy.RateLimitService;
import org.weft.net.reconcile.ReconcileService;
import org.weft.net.routing.RoutingService;
import org.weft.net.stats.LoadService;
import org.weft.net.stats.StatsService;
import org.weft.net.steering.SteeringService;
import org.weft.net.topology.PathService;
import org.weft.net.topology.TopologyService;
import org.weft.rest.events.EventSource;
import org.weft.rest.metrics.WeftMetrics;

/**
 * The core services the REST API reads and drives.
 *
 * @param staticFlows operator's static flows (the intent layer; it registered with the reconciler)
 * @param eventSources every source of the {@code /api/v1/events} stream (devices at least)
 * @param network links, hosts, topology and paths; null answers their routes with 503
 * @param routing the routing app; null (routing disabled) answers {@code /routing} with 503
 * @param steering the steering service; null answers {@code /steering} with 503
 * @param reconciler converges switches to intent, for its metrics; null publishes none
 * @param health the controller's health for {@code /health}; null: UP whenever REST answers, with
 *     the connected switches only
 * @param failover recent failovers for {@code /failover/events}; null answers it with 503
 * @param policy the ACL and rate-limit services; null answers their routes with 503
 */
public record RestServices(
        DeviceService devices,
        StatsService stats,
        StaticFlowService staticFlows,
        WeftMetrics metrics,
        List<EventSource> eventSources,
        Network network,
        RoutingService routing,
        SteeringService steering,
        ReconcileService reconciler,
        HealthService health,
        FailoverService failover,
        Policy policy) {

    /**
     * The policy stage's services ({@code /acls}, {@code /rate-limits}, {@code /meters}).
     *
     * @param workDropped work the policy thread dropped because its queue was full ({@code
     *     weft_policy_work_dropped_total}); null when not counted (tests)
     */
    public record Policy(
            AclService acls,
            RateLimitService rateLimits,
            PipelineService pipelines,
            LongSupplier workDropped) {}

    /** Every service but the policy stage's. */
    public RestServices(
            DeviceService devices,
            StatsService stats,
            StaticFlowService staticFlows,
            WeftMetrics metrics,
            List<EventSource> eventSources,
            Network network,
            RoutingService routing,
            SteeringService steering,
            ReconcileService reconciler,
            HealthService health,
            FailoverService failover) {
        this(
                devices,
                stats,
                staticFlows,
                metrics,
                eventSources,
                network,
                routing,
                steering,
                reconciler,
                health,
                failover,
                null);
    }

    /**
     * Core's network services.
     *
     * @param linkWeights admin weights operators set (the intent layer)
     * @param linkCapacities capacity overrides operators set (the intent layer); null answers
     *     {@code /link-capacities} with 503
     * @param loads measured port rates and link loads; null when statistics are not collected
     *     (rates and utilisation are then null)
     */
    public record Network(
            LinkService links,
            LinkWeightService linkWeights,
            HostService hosts,
            TopologyService topology,
            PathService paths,
            LinkCapacityService linkCapacities,
            LoadService loads) {

        /** Without capacity overrides and measured load. */
        public Network(
                LinkService links,
                LinkWeightService linkWeights,
                HostService hosts,
                TopologyService topology,
                PathService paths) {
            this(links, linkWeights, hosts, topology, paths, null, null);
        }

        public Network {
            checkNotNull(links, "links");
            checkNotNull(linkWeights, "linkWeights");
            checkNotNull(hosts, "hosts");
            checkNotNull(topology, "topology");
            checkNotNull(paths, "paths");
        }
    }

    /**
     * Switches and flows only: no network, routing, steering, reconciler, health or failover
     * services.
     */
    public RestServices(
            DeviceService devices,
            StatsService stats,
            StaticFlowService staticFlows,
            WeftMetrics metrics,
            List<EventSource> eventSources) {
        this(
                devices,
                stats,
                staticFlows,
                metrics,
                eventSources,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    public RestServices {
        checkNotNull(devices, "devices");
        checkNotNull(stats, "stats");
        checkNotNull(staticFlows, "staticFlows");
        checkNotNull(metrics, "metrics");
        eventSources = ImmutableList.copyOf(eventSources);
    }
}
