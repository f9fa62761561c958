package org.weft.dist;

import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.cluster.ClusterConfig;
import org.weft.cluster.ZooKeeperMastership;
import org.weft.cluster.topology.ZooKeeperTopology;
import org.weft.failover.FailoverApp;
import org.weft.net.cluster.MasteredDevices;
import org.weft.net.cluster.MastershipService;
import org.weft.net.cluster.SingleNodeMastership;
import org.weft.net.reconcile.impl.Reconciler;
import org.weft.net.stats.LoadService;
import org.weft.openflow.OfConfig;
import org.weft.openflow.OfController;
import org.weft.policy.PolicyApp;
import org.weft.rest.RestServer;
import org.weft.rest.RestServices;
import org.weft.routing.LocalDestinationIds;
import org.weft.routing.RoutingApp;
import org.weft.routing.steering.SteeringApp;
import org.weft.time.SystemTime;

/**
 * The composition root: builds every service from the configuration, starts and stops them in
 * order.
 */
public final class Weft implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Weft.class);

    private final OfController openflow;
    private final CoreServices core;
    private final Apps apps;
    private final Reconciler reconciler;
    private final PolicyApp policy;
    private final RestServer rest;
    private final SystemTime time;
    private final TrafficStats traffic;
    private final MastershipService mastership;
    private final ZooKeeperTopology sharedTopology;

    private Weft(
            OfController openflow,
            CoreServices core,
            Apps apps,
            Reconciler reconciler,
            PolicyApp policy,
            RestServer rest,
            SystemTime time,
            TrafficStats traffic,
            MastershipService mastership,
            ZooKeeperTopology sharedTopology) {
        this.sharedTopology = sharedTopology;
        this.time = time;
        this.traffic = traffic;
        this.mastership = mastership;
        this.openflow = openflow;
        this.core = core;
        this.apps = apps;
        this.reconciler = reconciler;
        this.policy = policy;
        this.rest = rest;
    }

    /**
     * Starts Weft; fails (having released everything) if a port cannot be bound.
     *
     * @param env where {@code WEFT_API_TOKEN} is looked up: {@code System::getenv} in {@link Main},
     *     {@code name -> null} (or a map) in tests and benchmarks, whose outcome must not depend on
     *     the caller's environment
     */
    public static Weft start(WeftConfig config, UnaryOperator<String> env) throws Exception {
        OfConfig of = ConfigLoader.toOfConfig(config);
        CoreServices.Settings settings = ConfigLoader.toCoreSettings(config);
        ClusterConfig clusterConfig = ConfigLoader.toClusterConfig(config);
        MastershipService mastership =
                clusterConfig == null
                        ? new SingleNodeMastership(
                                ConfigLoader.localAddress(config),
                                ConfigLoader.localAddress(config))
                        : new ZooKeeperMastership(clusterConfig).start();
        OfController controller = new OfController(of, mastership);
        // Every component reads the time and sets its timers here (one timer thread).
        SystemTime time = SystemTime.start("weft-timer");
        CoreServices core =
                CoreServices.start(
                        controller.deviceService(), controller.packetService(), settings, time);
        if (mastership instanceof ZooKeeperMastership zk
                && !zk.awaitConnected(clusterConfig.sessionTimeout().multipliedBy(3))) {
            zk.close();
            throw new IllegalStateException(
                    "ZooKeeper at "
                            + clusterConfig.zookeeper()
                            + " is unreachable: a cluster instance needs it to start (intent lives"
                            + " there)");
        }
        // In a cluster, links and hosts learned on other instances' switches are shared.
        ZooKeeperTopology sharedTopology =
                mastership instanceof ZooKeeperMastership zk
                        ? zk.shareTopology(
                                core.linkManager(),
                                core.hostTracker(),
                                controller.deviceService(),
                                time,
                                core.discoveryConfig().interval(),
                                core.discoveryConfig().linkTimeout())
                        : null;
        IntentLayer intents =
                mastership instanceof ZooKeeperMastership zk
                        ? IntentLayer.open(zk.intentStore())
                        : IntentLayer.open(config);
        Apps apps =
                Apps.start(
                        config,
                        controller,
                        core,
                        intents.steeringRules,
                        mastership,
                        // In a cluster every instance numbers a destination the same way.
                        mastership instanceof ZooKeeperMastership zk
                                ? zk.destinationIds()
                                : new LocalDestinationIds());
        Reconciler reconciler =
                new Reconciler(
                        // In a cluster the reconciler sees the switches this instance masters.
                        mastership.clustered()
                                ? new MasteredDevices(controller.deviceService(), mastership)
                                : controller.deviceService(),
                        controller.flowRuleService(),
                        controller.groupService(),
                        controller.statsService(),
                        controller.flowRuleCounters(),
                        ConfigLoader.toReconcileConfig(config),
                        time);
        reconciler.register(controller.coreIntent());
        apps.intents().forEach(reconciler::register);
        PolicyApp policy =
                new PolicyApp(
                                controller.deviceService(),
                                core.linkService(),
                                core.hostService(),
                                controller.pipelineService(),
                                controller.meterService(),
                                controller.statsService(),
                                intents.store())
                        .start(reconciler);
        reconciler.register(policy.intentSource());
        RestServer rest;
        TrafficStats traffic = null;
        try {
            // Static flows register with the reconciler here; it starts once REST is up.
            intents.load(config, controller, core.linkAdminService(), reconciler);
            controller.start();
            traffic = TrafficStats.start(config, controller, core, apps.routing);
            ClusterReadiness readiness = null;
            if (mastership instanceof ZooKeeperMastership) {
                RoutingApp routing = apps.routing;
                readiness =
                        new ClusterReadiness(
                                ClusterReadiness.sharing(sharedTopology),
                                () ->
                                        routing == null
                                                || (routing.isIdle() && routing.workBacklog() == 0),
                                controller.deviceService()::isConnected,
                                time,
                                java.time.Duration.ofSeconds(30));
            }
            rest =
                    RestWiring.start(
                            config,
                            controller,
                            core,
                            intents,
                            reconciler,
                            WeftHealth.of(controller, core, reconciler, apps.routing),
                            apps.routing,
                            apps.steering,
                            apps.failover,
                            traffic == null ? null : traffic.loads(),
                            new RestServices.Policy(
                                    policy.acls(),
                                    policy.rateLimits(),
                                    controller.pipelineService(),
                                    policy::workDropped),
                            mastership,
                            sharedTopology,
                            readiness,
                            env);
            // After every app registered its intent: switches connected by now get their pass.
            reconciler.start();
            if (mastership instanceof ZooKeeperMastership zk) {
                readiness.start(zk::becomeCandidate);
                zk.admitSwitchesBy(readiness);
            }
        } catch (Exception e) {
            if (sharedTopology != null) {
                sharedTopology.close();
            }
            if (traffic != null) {
                traffic.close();
            }
            reconciler.close();
            policy.close();
            apps.close();
            core.close();
            controller.close();
            time.close();
            closeCluster(mastership);
            throw e;
        }
        log.info("Weft started: OpenFlow on {}", controller.boundPorts());
        return new Weft(
                controller,
                core,
                apps,
                reconciler,
                policy,
                rest,
                time,
                traffic,
                mastership,
                sharedTopology);
    }

    public List<Integer> openflowPorts() {
        return openflow.boundPorts();
    }

    public OfController openflow() {
        return openflow;
    }

    /** Links, topology, paths and hosts. */
    public CoreServices core() {
        return core;
    }

    /** The routing app, or null when routing is disabled. */
    public RoutingApp routing() {
        return apps.routing;
    }

    /** The steering service, or null when routing is disabled. */
    public SteeringApp steering() {
        return apps.steering;
    }

    /** The failover app, or null when routing is disabled. */
    public FailoverApp failover() {
        return apps.failover;
    }

    /** The policy stage's apps (ACL firewall, rate limits). */
    public PolicyApp policy() {
        return policy;
    }

    public RestServer rest() {
        return rest;
    }

    /** Measured port rates and link loads; null when {@code stats.intervalMs} is 0. */
    public LoadService loads() {
        return traffic == null ? null : traffic.loads();
    }

    /** Which instance masters which switch (always this one without a cluster). */
    public MastershipService mastership() {
        return mastership;
    }

    private static void closeCluster(MastershipService mastership) {
        if (mastership instanceof ZooKeeperMastership zk) {
            zk.close();
        }
    }

    /** The reconciler converging switches to every app's intent. */
    public Reconciler reconciler() {
        return reconciler;
    }

    /** The cluster's shared links and hosts; null without a cluster. */
    public ZooKeeperTopology sharedTopology() {
        return sharedTopology;
    }

    @Override
    public void close() {
        // First: nothing this instance tears down while stopping may reach the shared topology.
        if (sharedTopology != null) {
            sharedTopology.close();
        }
        rest.close();
        if (traffic != null) {
            traffic.close();
        }
        reconciler.close();
        policy.close();
        apps.close();
        core.close();
        openflow.close();
        time.close();
        closeCluster(mastership);
        log.info("Weft stopped");
    }
}
