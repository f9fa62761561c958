package org.weft.dist;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Weft instance in a JVM of its own ({@code java -cp <test class path> org.weft.dist.Main
 * --config FILE}), so a test can kill it the way a crash does: {@link Process#destroyForcibly}
 * (SIGKILL), its ZooKeeper session left to expire. Its output goes to {@code
 * target/weft-process-<node>.log}.
 */
final class WeftProcess implements AutoCloseable {

    final String nodeId;
    final int openflowPort;
    final int restPort;
    private final Path config;
    private Process process;

    /** An instance of the bed's cluster on two free loopback ports; not started. */
    WeftProcess(ClusterBed bed, String nodeId) throws IOException {
        this.nodeId = nodeId;
        this.openflowPort = freePort();
        this.restPort = freePort();
        WeftConfig c = bed.config(nodeId);
        this.config = Files.createTempFile("weft-" + nodeId, ".yaml");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "openflow:",
                        "  bindAddress: 127.0.0.1",
                        "  ports: [" + openflowPort + "]",
                        "rest:",
                        "  port: " + restPort,
                        "  token: " + c.rest.token,
                        "topology:",
                        "  lldpIntervalMs: " + c.topology.lldpIntervalMs,
                        "  hmacKey: " + c.topology.hmacKey,
                        "cluster:",
                        "  zookeeper: \"" + c.cluster.zookeeper + "\"",
                        "  nodeId: " + nodeId,
                        "  sessionTimeoutMs: " + c.cluster.sessionTimeoutMs,
                        "dataDir: " + c.dataDir,
                        ""));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts the JVM and waits until its REST API answers as this node. */
    void start(Duration timeout) throws Exception {
        Path log = Path.of("target", "weft-process-" + nodeId + ".log");
        process =
                new ProcessBuilder(
                                List.of(
                                        Path.of(System.getProperty("java.home"), "bin", "java")
                                                .toString(),
                                        "-Xmx256m",
                                        "-cp",
                                        System.getProperty("java.class.path"),
                                        Main.class.getName(),
                                        "--config",
                                        config.toString()))
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
        WeftTestBed.waitUntil(
                this::answers, timeout, "instance " + nodeId + " up (its output: " + log + ")");
    }

    private boolean answers() {
        if (!process.isAlive()) {
            throw new AssertionError("instance " + nodeId + " exited: " + process.exitValue());
        }
        try {
            return ClusterBed.http(restPort, "GET", "/api/v1/cluster", null)
                    .body()
                    .contains("\"localNode\":\"" + nodeId + "\"");
        } catch (ConnectException e) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("instance " + nodeId + "'s REST API failed", e);
        }
    }

    /** SIGKILL: nothing is closed, the ZooKeeper session expires on its own. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("instance " + nodeId + " still running 10 s after SIGKILL");
        }
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            kill();
        }
        Files.deleteIfExists(config);
    }
}
