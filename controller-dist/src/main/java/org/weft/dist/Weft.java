package org.weft.dist;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.openflow.OfConfig;
import org.weft.openflow.OfController;
import org.weft.rest.RestServer;

/**
 * The composition root: builds every service from the configuration, starts and stops them in
 * order.
 */
public final class Weft implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Weft.class);

    private final OfController openflow;
    private final RestServer rest;

    private Weft(OfController openflow, RestServer rest) {
        this.openflow = openflow;
        this.rest = rest;
    }

    /** Starts Weft; fails (having released everything) if a port cannot be bound. */
    public static Weft start(WeftConfig config) throws Exception {
        OfConfig of = ConfigLoader.toOfConfig(config);
        OfController controller = new OfController(of);
        RestServer rest;
        try {
            controller.start();
            rest = RestWiring.start(config, controller);
        } catch (Exception e) {
            controller.close();
            throw e;
        }
        log.info("Weft started: OpenFlow on {}", controller.boundPorts());
        return new Weft(controller, rest);
    }

    public List<Integer> openflowPorts() {
        return openflow.boundPorts();
    }

    public OfController openflow() {
        return openflow;
    }

    public RestServer rest() {
        return rest;
    }

    @Override
    public void close() {
        rest.close();
        openflow.close();
        log.info("Weft stopped");
    }
}
