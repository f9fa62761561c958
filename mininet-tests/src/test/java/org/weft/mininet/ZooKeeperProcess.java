package org.weft.mininet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real ZooKeeper server ({@code org.apache.zookeeper.server.ZooKeeperServerMain}, the jar from
 * Maven Central on this test's class path) run as its own process on a free loopback port, with its
 * data and log in the test's directory. Stopped by its own PID.
 *
 * <p>Tick 200 ms, so sessions of 0.4 to 4 s can be negotiated (ZooKeeper allows 2 to 20 ticks) and
 * a dead session expires at most one tick late; the admin HTTP server is off (it would take port
 * 8080).
 */
public final class ZooKeeperProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final int TICK_MS = 200;

    private final Process process;
    private final int port;
    private final Path log;

    private ZooKeeperProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts a standalone server and waits until it listens. */
    public static ZooKeeperProcess start(Path dir) throws IOException {
        int port = WeftProcess.freePort();
        Path data = Files.createDirectories(dir.resolve("zookeeper-data"));
        Path log = dir.resolve("zookeeper.log");
        List<String> command =
                List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-Dzookeeper.admin.enableServer=false",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.apache.zookeeper.server.ZooKeeperServerMain",
                        Integer.toString(port),
                        data.toString(),
                        Integer.toString(TICK_MS));
        Process process =
                new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        ZooKeeperProcess zk = new ZooKeeperProcess(process, port, log);
        try {
            Wait.until(
                    "ZooKeeper (pid " + process.pid() + ") listens on " + port,
                    START_TIMEOUT,
                    () -> {
                        if (!process.isAlive()) {
                            throw new AssertionError(
                                    "ZooKeeper exited with "
                                            + process.exitValue()
                                            + ", see "
                                            + log);
                        }
                        return TcpListeners.isListening(port);
                    },
                    () -> "see " + log);
        } catch (AssertionError e) {
            zk.close();
            throw e;
        }
        return zk;
    }

    /** The client connect string, {@code 127.0.0.1:port}. */
    public String connectString() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
