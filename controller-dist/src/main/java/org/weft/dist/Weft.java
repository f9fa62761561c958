package org.weft.dist;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.failover.FailoverApp;
import org.weft.openflow.OfConfig;
import org.weft.openflow.OfController;
import org.weft.rest.RestServer;
import org.weft.routing.RoutingApp;
import org.weft.routing.RoutingConfig;

/**
 * The composition root: builds every service from the configuration, starts and stops them in
 * order.
 */
public final class Weft implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Weft.class);

    private final OfController openflow;
    private final CoreServices core;
    private final RoutingApp routing;
    private final FailoverApp failover;
    private final RestServer rest;

    private Weft(
            OfController openflow,
            CoreServices core,
            RoutingApp routing,
            FailoverApp failover,
            RestServer rest) {
        this.openflow = openflow;
        this.core = core;
        this.routing = routing;
        this.failover = failover;
        this.rest = rest;
    }

    /** Starts Weft; fails (having released everything) if a port cannot be bound. */
    public static Weft start(WeftConfig config) throws Exception {
        OfConfig of = ConfigLoader.toOfConfig(config);
        CoreServices.Settings settings = ConfigLoader.toCoreSettings(config);
        OfController controller = new OfController(of);
        CoreServices core =
                CoreServices.start(
                        controller.deviceService(), controller.packetService(), settings);
        RoutingApp routing = null;
        if (config.routing.enabled) {
            routing =
                    new RoutingApp(
                                    controller.deviceService(),
                                    core.topologyService(),
                                    core.hostService(),
                                    controller.packetService(),
                                    controller.flowRuleService(),
                                    controller.groupService(),
                                    new RoutingConfig(
                                            config.routing.metric,
                                            config.routing.protection,
                                            Duration.ofMillis(config.routing.recoveryHoldDownMs)))
                            .start();
        }
        FailoverApp failover =
                routing == null ? null : new FailoverApp(routing, core.eventExecutor()).start();
        RestServer rest;
        try {
            controller.start();
            rest = RestWiring.start(config, controller);
        } catch (Exception e) {
            if (failover != null) {
                failover.close();
            }
            if (routing != null) {
                routing.close();
            }
            core.close();
            controller.close();
            throw e;
        }
        log.info("Weft started: OpenFlow on {}", controller.boundPorts());
        return new Weft(controller, core, routing, failover, rest);
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
        return routing;
    }

    /** The failover app, or null when routing is disabled. */
    public FailoverApp failover() {
        return failover;
    }

    public RestServer rest() {
        return rest;
    }

    @Override
    public void close() {
        rest.close();
        if (failover != null) {
            failover.close();
        }
        if (routing != null) {
            routing.close();
        }
        core.close();
        openflow.close();
        log.info("Weft stopped");
    }
}
