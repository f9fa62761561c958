package org.weft.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One packaged Weft ({@code java -jar weft.jar --config FILE --openflow-port P --rest-port R}) as
 * its own process with its own directory (data directory and log), stopped or killed by its PID.
 */
final class WeftJarProcess implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path jar;
    private final Path dir;
    private final Path config;
    private final int openflowPort;
    private final int restPort;
    private final List<String> jvmArgs;
    private Process process;
    private int starts;

    WeftJarProcess(Path jar, Path dir, String configYaml, List<String> jvmArgs) throws IOException {
        this.jar = jar;
        this.dir = Files.createDirectories(dir);
        this.config = dir.resolve("weft.yaml");
        Files.writeString(config, configYaml);
        this.openflowPort = freePort();
        this.restPort = freePort();
        this.jvmArgs = List.copyOf(jvmArgs);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    int openflowPort() {
        return openflowPort;
    }

    int restPort() {
        return restPort;
    }

    /** Starts the jar and waits until its REST API answers (it starts after OpenFlow). */
    void start(Duration limit) throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running: pid " + process.pid());
        }
        starts++;
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.addAll(
                List.of(
                        "-jar",
                        jar.toString(),
                        "--config",
                        config.toString(),
                        "--openflow-port",
                        Integer.toString(openflowPort),
                        "--rest-port",
                        Integer.toString(restPort)));
        ProcessBuilder b =
                new ProcessBuilder(cmd)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("weft-" + starts + ".log").toFile());
        b.environment().remove("WEFT_API_TOKEN");
        process = b.start();
        long deadline = System.nanoTime() + limit.toNanos();
        while (!answers(restPort)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "Weft exited with " + process.exitValue() + "; see " + dir);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Weft did not listen within " + limit);
            }
            Thread.sleep(100);
        }
    }

    /** Whether the REST API answers (a probe of the OpenFlow port would look like a switch). */
    private static boolean answers(int restPort) throws InterruptedException {
        try {
            return HTTP.send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            "http://127.0.0.1:"
                                                                    + restPort
                                                                    + "/api/v1/health"))
                                            .timeout(Duration.ofSeconds(2))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    > 0;
        } catch (IOException e) {
            return false; // not listening yet
        }
    }

    long pid() {
        return process.pid();
    }

    /** {@code kill -9}: the instance's ZooKeeper session is left to expire. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
