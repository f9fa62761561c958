package org.weft.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Weft's packaged jar ({@code controller-dist/target/weft.jar}) as a child process on free loopback
 * ports: OpenFlow bound to 127.0.0.1, REST on 127.0.0.1 (its default), intent in a temporary data
 * directory. {@link #close()} stops it by its PID: SIGTERM, then SIGKILL after a timeout.
 */
final class WeftJarProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WeftJarProcess.class);
    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(15);

    private final Process process;
    private final int openflowPort;
    private final int restPort;
    private final Path logFile;

    private WeftJarProcess(Process process, int openflowPort, int restPort, Path logFile) {
        this.process = process;
        this.openflowPort = openflowPort;
        this.restPort = restPort;
        this.logFile = logFile;
    }

    /** The jar: system property {@code weft.jar} (set by the build), else the reactor's path. */
    static Path jar() {
        Path jar =
                Path.of(System.getProperty("weft.jar", "../controller-dist/target/weft.jar"))
                        .toAbsolutePath()
                        .normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar
                            + " does not exist: build controller-dist first (mvn -B package at the root)");
        }
        return jar;
    }

    /**
     * Starts the jar and waits (at most a minute) until its REST health answers, which Weft opens
     * after its OpenFlow listener.
     *
     * @param dir where the configuration, the data directory and the log go
     */
    static WeftJarProcess start(Path dir, String name) throws IOException, InterruptedException {
        return start(dir, name, dir.resolve("data"), "", null);
    }

    /**
     * As {@link #start(Path, String)}, with a data directory of the caller's (a restarted Weft
     * finds its intent there), more configuration ({@code extraYaml}, top-level keys other than
     * {@code openflow} and {@code dataDir}) and, unless null, the REST token ({@code
     * WEFT_API_TOKEN}, which wins over any other); when null the child has no {@code
     * WEFT_API_TOKEN}, whatever the caller's environment holds.
     */
    static WeftJarProcess start(
            Path dir, String name, Path dataDir, String extraYaml, String restToken)
            throws IOException, InterruptedException {
        return start(jar(), dir, name, dataDir, extraYaml, restToken);
    }

    /** As above, with the jar to run. */
    static WeftJarProcess start(
            Path jar, Path dir, String name, Path dataDir, String extraYaml, String restToken)
            throws IOException, InterruptedException {
        int openflowPort = freePort();
        int restPort = freePort();
        Path config = dir.resolve(name + ".yml");
        Files.writeString(
                config,
                "openflow:\n  bindAddress: 127.0.0.1\ndataDir: " + dataDir + "\n" + extraYaml);
        Path logFile = dir.resolve(name + ".log");
        List<String> cmd =
                List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        jar.toString(),
                        "--openflow-port",
                        Integer.toString(openflowPort),
                        "--rest-port",
                        Integer.toString(restPort),
                        "--config",
                        config.toString());
        ProcessBuilder pb =
                new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(logFile.toFile());
        // Set deliberately: the caller's WEFT_API_TOKEN must not reach the child.
        pb.environment().remove("WEFT_API_TOKEN");
        if (restToken != null) {
            pb.environment().put("WEFT_API_TOKEN", restToken);
        }
        Process p = pb.start();
        WeftJarProcess weft = new WeftJarProcess(p, openflowPort, restPort, logFile);
        log.info("Started {} as PID {}, log {}", cmd, p.pid(), logFile);
        try {
            weft.awaitHealthy();
        } catch (IOException | RuntimeException | InterruptedException e) {
            weft.close();
            throw e;
        }
        return weft;
    }

    /** SIGKILL to the PID this started ({@code kill -9}), and waits until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("Weft (PID " + pid() + ") outlived SIGKILL");
        }
    }

    long pid() {
        return process.pid();
    }

    int openflowPort() {
        return openflowPort;
    }

    int restPort() {
        return restPort;
    }

    String restUrl() {
        return "http://127.0.0.1:" + restPort;
    }

    Path logFile() {
        return logFile;
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health =
                HttpRequest.newBuilder(URI.create(restUrl() + "/api/v1/health"))
                        .timeout(Duration.ofSeconds(2))
                        .build();
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "Weft exited with " + process.exitValue() + " at start; see " + logFile);
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                log.debug("Weft not up yet: {}", e.toString());
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(
                "Weft did not answer "
                        + health.uri()
                        + " within "
                        + START_LIMIT
                        + "; see "
                        + logFile);
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                log.warn(
                        "Weft (PID {}) still running {} after SIGTERM; killing it",
                        pid(),
                        STOP_LIMIT);
                process.destroyForcibly();
                process.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Interrupted while stopping Weft (PID {}); killing it", pid());
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
