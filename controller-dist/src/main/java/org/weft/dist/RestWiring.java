package org.weft.dist;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import org.weft.cluster.ZooKeeperIntentStore;
import org.weft.cluster.ZooKeeperMastership;
import org.weft.cluster.topology.ZooKeeperTopology;
import org.weft.health.HealthService;
import org.weft.net.cluster.MastershipService;
import org.weft.net.failover.FailoverService;
import org.weft.net.reconcile.ReconcileService;
import org.weft.net.routing.RoutingService;
import org.weft.net.stats.LoadService;
import org.weft.net.steering.SteeringService;
import org.weft.openflow.OfController;
import org.weft.rest.RestConfig;
import org.weft.rest.RestServer;
import org.weft.rest.RestServices;
import org.weft.rest.events.DeviceEventSource;
import org.weft.rest.events.EventSource;
import org.weft.rest.events.FailoverEventSource;
import org.weft.rest.events.HostEventSource;
import org.weft.rest.events.LinkEventSource;
import org.weft.rest.events.LoadEventSource;
import org.weft.rest.events.MastershipEventSource;
import org.weft.rest.metrics.WeftMetrics;

/**
 * Builds the REST server from the configuration and the running services. New event sources (links,
 * hosts, failovers) and metrics hooks are added here as their services appear.
 */
final class RestWiring {

    private RestWiring() {}

    /**
     * The REST settings this configuration describes.
     *
     * @throws IllegalArgumentException with the reason when a value is impossible
     */
    static RestConfig toRestConfig(WeftConfig c) {
        WeftConfig.Rest r = c.rest;
        return new RestConfig(
                r.bindAddress,
                r.port,
                r.token,
                r.requireTokenForReads,
                r.maxRequestBytes,
                r.tls == null ? null : Path.of(r.tls.keyStore),
                r.tls == null ? null : r.tls.keyStorePassword,
                Path.of(c.dataDir),
                Duration.ofMillis(c.openflow.requestTimeoutMs),
                r.maxSwitchCalls);
    }

    /**
     * Starts the REST server over the running services.
     *
     * @param routing null when routing is disabled ({@code /routing} then answers 503)
     * @param steering null when routing is disabled ({@code /steering} then answers 503)
     * @param failover null when routing is disabled (no failover metrics then)
     * @param policy the ACL and rate-limit services
     * @param intents the loaded intent layer (static flows, link weights)
     * @param reconciler for its metrics
     * @param loads measured rates and link loads; null when the collector is off
     * @param mastership the cluster's mastership, for {@code /cluster} and mastership events
     * @param sharedTopology the cluster's shared links and hosts, for their counters; null without
     *     a cluster
     * @param readiness the cluster's switch admission, for its dropped offers; null without a
     *     cluster
     * @param env where {@code WEFT_API_TOKEN} is looked up ({@code System::getenv} in production)
     */
    static RestServer start(
            WeftConfig config,
            OfController of,
            CoreServices core,
            IntentLayer intents,
            ReconcileService reconciler,
            HealthService health,
            RoutingService routing,
            SteeringService steering,
            FailoverService failover,
            LoadService loads,
            RestServices.Policy policy,
            MastershipService mastership,
            ZooKeeperTopology sharedTopology,
            ClusterReadiness readiness,
            UnaryOperator<String> env)
            throws IOException {
        RestConfig rest = toRestConfig(config);
        WeftMetrics metrics = new WeftMetrics();
        metrics.watchPacketIns(PacketInCounter.watch(of.packetService())::count);
        metrics.watchFlowMods(of.flowRuleCounters());
        if (failover != null) {
            metrics.watchFailovers(failover);
        }
        if (sharedTopology != null) {
            watchSharedTopology(metrics.registry(), sharedTopology);
        }
        watchDroppedWork(metrics.registry(), core, intents, policy);
        watchClusterDroppedWork(metrics.registry(), mastership, readiness);
        List<EventSource> sources = new ArrayList<>();
        sources.add(new DeviceEventSource(of.deviceService()));
        sources.add(new LinkEventSource(core.linkService()));
        sources.add(new HostEventSource(core.hostService()));
        sources.add(new MastershipEventSource(mastership));
        if (loads != null) {
            sources.add(new LoadEventSource(loads));
        }
        RestServices services =
                new RestServices(
                        of.deviceService(),
                        of.statsService(),
                        intents.staticFlows(),
                        metrics,
                        FailoverEventSource.with(sources, failover),
                        new RestServices.Network(
                                core.linkService(),
                                intents.linkWeights(),
                                core.hostService(),
                                core.topologyService(),
                                core.pathService(),
                                intents.linkCapacities(),
                                loads),
                        routing,
                        steering,
                        reconciler,
                        health,
                        failover,
                        policy);
        return RestServer.start(rest, services, mastership::view, env);
    }

    /**
     * Work dropped because a bounded work queue was full: {@code weft_core_events_dropped_total},
     * {@code weft_policy_work_dropped_total} (when the policy app's counter is given), and in a
     * cluster {@code weft_cluster_intent_watch_dropped_total}.
     */
    private static void watchDroppedWork(
            MeterRegistry registry,
            CoreServices core,
            IntentLayer intents,
            RestServices.Policy policy) {
        FunctionCounter.builder("weft.core.events.dropped", core, CoreServices::eventsDropped)
                .description("Core events (links, hosts, topology) dropped: their queue was full")
                .register(registry);
        if (policy.workDropped() != null) {
            FunctionCounter.builder(
                            "weft.policy.work.dropped",
                            policy.workDropped(),
                            LongSupplier::getAsLong)
                    .description("Policy changes dropped: the policy thread's queue was full")
                    .register(registry);
        }
        if (intents.store() instanceof ZooKeeperIntentStore zk) {
            FunctionCounter.builder(
                            "weft.cluster.intent.watch.dropped",
                            zk,
                            ZooKeeperIntentStore::watchCallsDropped)
                    .description("Intent changes not passed on: the watchers' queue was full")
                    .register(registry);
        }
    }

    /**
     * In a cluster: {@code weft_cluster_readiness_dropped_total} (switches not offered for
     * mastership: too many waited) and {@code weft_cluster_mastership_dropped_total} (mastership
     * work and role events dropped: their queue was full).
     */
    private static void watchClusterDroppedWork(
            MeterRegistry registry, MastershipService mastership, ClusterReadiness readiness) {
        if (readiness != null) {
            FunctionCounter.builder(
                            "weft.cluster.readiness.dropped", readiness, ClusterReadiness::dropped)
                    .description("Switches not offered for mastership: too many waited already")
                    .register(registry);
        }
        if (mastership instanceof ZooKeeperMastership zk) {
            FunctionCounter.builder(
                            "weft.cluster.mastership.dropped", zk, ZooKeeperMastership::workDropped)
                    .description("Mastership work and role events dropped: their queue was full")
                    .register(registry);
        }
    }

    /**
     * {@code weft_cluster_topology_*_total}: what the cluster's topology sharing wrote and lost.
     */
    private static void watchSharedTopology(MeterRegistry registry, ZooKeeperTopology t) {
        Map<String, ToDoubleFunction<ZooKeeperTopology>> counters =
                Map.of(
                        "writes", z -> z.counters().writes(),
                        "deletes", z -> z.counters().deletes(),
                        "write.failures", z -> z.counters().writeFailures(),
                        "unreadable", z -> z.counters().unreadable(),
                        "dropped", z -> z.counters().dropped());
        counters.forEach(
                (name, f) ->
                        FunctionCounter.builder("weft.cluster.topology." + name, t, f)
                                .description("Shared links and hosts: " + name.replace('.', ' '))
                                .register(registry));
    }
}
