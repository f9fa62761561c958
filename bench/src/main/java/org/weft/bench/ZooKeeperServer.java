package org.weft.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standalone ZooKeeper server ({@code ZooKeeperServerMain}, from the ZooKeeper jar on this jar's
 * class path) as its own process on a free loopback port, stopped by its PID. Its last transaction
 * id is read with the {@code srvr} four-letter command: every write to ZooKeeper (a create, set,
 * delete, or a session's open and close) takes one zxid, so the difference between two readings is
 * the number of writes in between.
 */
final class ZooKeeperServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ZooKeeperServer.class);
    private static final Pattern ZXID = Pattern.compile("Zxid: 0x([0-9a-fA-F]+)");

    private final Process process;
    private final int port;

    private ZooKeeperServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the server (tick 200 ms: sessions of 0.4 to 4 s, expiring at most a tick late) and
     * waits until it answers.
     */
    static ZooKeeperServer start(Path dir, Duration limit)
            throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path data = Files.createDirectories(dir.resolve("zookeeper-data"));
        List<String> cmd =
                List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-Dzookeeper.admin.enableServer=false",
                        "-Dzookeeper.4lw.commands.whitelist=srvr",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.apache.zookeeper.server.ZooKeeperServerMain",
                        Integer.toString(port),
                        data.toString(),
                        "200");
        Process p =
                new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("zookeeper.log").toFile())
                        .start();
        ZooKeeperServer zk = new ZooKeeperServer(p, port);
        long deadline = System.nanoTime() + limit.toNanos();
        while (zk.lastZxid() < 0) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                zk.close();
                throw new IllegalStateException(
                        "ZooKeeper did not start; see " + dir.resolve("zookeeper.log"));
            }
            Thread.sleep(100);
        }
        return zk;
    }

    String connectString() {
        return "127.0.0.1:" + port;
    }

    /** The server's last transaction id, or -1 when it does not answer. */
    long lastZxid() {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write("srvr".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            Matcher m = ZXID.matcher(text);
            return m.find() ? Long.parseLong(m.group(1), 16) : -1;
        } catch (IOException e) {
            log.debug("srvr on {}: {}", port, e.toString());
            return -1;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
