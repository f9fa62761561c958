package org.weft.dist;

import java.util.List;
import org.weft.failover.FailoverApp;
import org.weft.failover.FailoverConfig;
import org.weft.net.cluster.MastershipService;
import org.weft.net.intent.SteeringRuleStore;
import org.weft.net.reconcile.IntentSource;
import org.weft.net.routing.DestinationIds;
import org.weft.openflow.OfController;
import org.weft.routing.RoutingApp;
import org.weft.routing.RoutingConfig;
import org.weft.routing.steering.SteeringApp;
import org.weft.time.TimeSource;

/**
 * The apps over core services: routing, steering and failover (all absent when routing is off).
 * Routing and failover meet only through controller-core's {@code org.weft.net.routing.plan}: the
 * failover app's backup chooser goes into routing's planner, routing's planner into the failover
 * app.
 */
final class Apps implements AutoCloseable {

    final RoutingApp routing;
    final SteeringApp steering;
    final FailoverApp failover;

    private Apps(RoutingApp routing, SteeringApp steering, FailoverApp failover) {
        this.routing = routing;
        this.steering = steering;
        this.failover = failover;
    }

    static Apps start(
            WeftConfig config,
            OfController of,
            CoreServices core,
            SteeringRuleStore steeringRules,
            MastershipService mastership,
            DestinationIds destinationIds) {
        if (!config.routing.enabled) {
            return new Apps(null, null, null);
        }
        RoutingConfig rc = ConfigLoader.toRoutingConfig(config);
        FailoverConfig fc = ConfigLoader.toFailoverConfig(config);
        // One time source for both apps: failover stamps when it received a topology change,
        // routing measures the reaction's end against it.
        TimeSource time = core.time();
        RoutingApp routing =
                new RoutingApp(
                                of.deviceService(),
                                core.topologyService(),
                                core.hostService(),
                                of.packetService(),
                                of.flowRuleService(),
                                of.groupService(),
                                of.statsService(),
                                rc,
                                FailoverApp.protection(fc),
                                time,
                                mastership,
                                destinationIds)
                        .start();
        SteeringApp steering =
                new SteeringApp(
                                of.deviceService(),
                                core.topologyService(),
                                core.hostService(),
                                core.pathService(),
                                of.flowRuleService(),
                                steeringRules,
                                () -> routing.metric().weigher())
                        .start();
        FailoverApp failover =
                new FailoverApp(
                                routing,
                                routing.planner(),
                                core.topologyService(),
                                fc,
                                core.eventExecutor(),
                                time)
                        .start();
        return new Apps(routing, steering, failover);
    }

    /** The apps' intent sources, for the reconciler (none when routing is off). */
    List<IntentSource> intents() {
        if (routing == null) {
            return List.of();
        }
        return List.of(routing.intentSource(), steering.intentSource());
    }

    @Override
    public void close() {
        if (failover != null) {
            failover.close();
        }
        if (steering != null) {
            steering.close();
        }
        if (routing != null) {
            routing.close();
        }
    }
}
