package org.weft.dist;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar weft.jar [--openflow-port N] [--rest-port N] [--config FILE]}. */
@Command(
        name = "weft",
        mixinStandardHelpOptions = true,
        version = "Weft 0.1.0",
        description = "Weft, an OpenFlow controller for Open vSwitch fabrics.")
public final class Main implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "Configuration file (YAML or JSON); every key is optional, unknown keys are errors.")
    Path config;

    @Option(
            names = "--openflow-port",
            paramLabel = "N",
            description = "Listen for switches on this port only (default: 6653 and 6633).")
    Integer openflowPort;

    @Option(names = "--rest-port", paramLabel = "N", description = "REST API port (default: 8181).")
    Integer restPort;

    @Option(
            names = "--zookeeper",
            paramLabel = "CONNECT",
            description =
                    "Run as one instance of a cluster coordinated by this ZooKeeper ensemble"
                            + " (host:port[,host:port...]); sets cluster.zookeeper.")
    String zookeeper;

    private final CountDownLatch stopped = new CountDownLatch(1);

    /**
     * Netty's leak detector records a stack trace for a sample of the buffers it hands out, on the
     * I/O threads' steady path; the jar runs without it unless the property is given (tests keep
     * Netty's default).
     */
    static final String LEAK_DETECTION = "io.netty.leakDetection.level";

    public static void main(String[] args) {
        if (System.getProperty(LEAK_DETECTION) == null) {
            System.setProperty(LEAK_DETECTION, "disabled");
        }
        int code = new CommandLine(new Main()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws Exception {
        WeftConfig cfg;
        try {
            cfg = config == null ? new WeftConfig() : ConfigLoader.load(config);
            applyFlags(cfg);
            ConfigLoader.toOfConfig(cfg);
            ConfigLoader.toClusterConfig(cfg);
        } catch (ConfigLoader.ConfigException | IllegalArgumentException e) {
            log.error("Invalid configuration: {}", e.getMessage());
            return 2;
        }
        Weft weft;
        try {
            weft = Weft.start(cfg, System::getenv);
        } catch (Exception e) { // Netty rethrows bind failures (IOException) undeclared
            log.error("Weft could not start: {}", e.toString());
            return 1;
        }
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    log.info("Shutting down");
                                    weft.close();
                                    stopped.countDown();
                                },
                                "weft-shutdown"));
        stopped.await();
        return 0;
    }

    void applyFlags(WeftConfig cfg) {
        if (openflowPort != null) {
            cfg.openflow.ports = List.of(openflowPort);
        }
        if (restPort != null) {
            if (restPort < 0 || restPort > 65535) {
                throw new IllegalArgumentException(
                        "--rest-port " + restPort + " out of range 0..65535");
            }
            cfg.rest.port = restPort;
        }
        if (zookeeper != null) {
            cfg.cluster.zookeeper = zookeeper;
        }
    }
}
