package org.weft.dist;

import java.util.List;
import org.weft.failover.FailoverApp;
import org.weft.net.intent.SteeringRuleStore;
import org.weft.net.reconcile.IntentSource;
import org.weft.openflow.OfController;
import org.weft.routing.RoutingApp;
import org.weft.routing.RoutingConfig;
import org.weft.routing.steering.SteeringApp;

/** The apps over core services: routing, steering and failover (all absent when routing is off). */
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
            SteeringRuleStore steeringRules) {
        if (!config.routing.enabled) {
            return new Apps(null, null, null);
        }
        RoutingConfig rc = ConfigLoader.toRoutingConfig(config);
        RoutingApp routing =
                new RoutingApp(
                                of.deviceService(),
                                core.topologyService(),
                                core.hostService(),
                                of.packetService(),
                                of.flowRuleService(),
                                of.groupService(),
                                of.statsService(),
                                rc)
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
        FailoverApp failover = new FailoverApp(routing, core.eventExecutor()).start();
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
