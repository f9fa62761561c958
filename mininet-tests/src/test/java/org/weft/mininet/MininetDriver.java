package org.weft.mininet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Java side of {@code weft_mininet.py}: one request per line on its stdin, one JSON answer per line
 * on its stdout ({@link DriverChannel}), its log (and Mininet's) in {@code mininet-driver.log}.
 * Every call has a timeout; after a timeout the driver is considered broken and only {@link
 * #close()} is allowed. {@code mn -c} runs before the driver starts and always again on close.
 */
public final class MininetDriver implements AutoCloseable {
    /** Time limit for quick commands (OVSDB reads, ovs-ofctl dumps, link changes). */
    public static final Duration SHORT = Duration.ofSeconds(30);

    private static final Duration BUILD_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration CLEAN_TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DriverChannel channel;
    private final Path dir;
    private OpenFlowVersion version;

    private MininetDriver(Process process, Path dir) {
        this.dir = dir;
        this.channel = new DriverChannel(process, dir.resolve("mininet-driver.log"));
    }

    /** Cleans up with {@code mn -c}, starts the driver with its log in {@code dir}, says hello. */
    public static MininetDriver start(Path dir) throws IOException {
        cleanMininet(dir);
        Process process =
                new ProcessBuilder(
                                MininetEnvironment.PYTHON,
                                "-u",
                                MininetEnvironment.driverScript().toString())
                        .redirectError(
                                ProcessBuilder.Redirect.appendTo(
                                        dir.resolve("mininet-driver.log").toFile()))
                        .start();
        MininetDriver driver = new MininetDriver(process, dir);
        try {
            driver.call("hello", Map.of(), SHORT);
        } catch (RuntimeException e) {
            driver.close();
            throw e;
        }
        return driver;
    }

    /** Builds and starts {@code topology} with switches pointed at {@code 127.0.0.1:port}. */
    public JsonNode build(Topology topology, OpenFlowVersion version, int controllerPort) {
        return build(topology, version, controllerPort, true);
    }

    /**
     * As {@link #build(Topology, OpenFlowVersion, int)}; with {@code quietHosts} false the hosts
     * keep IPv6 on and send DAD, router solicitations and MLD reports as soon as they are cabled.
     */
    public JsonNode build(
            Topology topology, OpenFlowVersion version, int controllerPort, boolean quietHosts) {
        JsonNode answer =
                call(
                        "build",
                        topology.toBuildRequest(version, "127.0.0.1", controllerPort, quietHosts),
                        BUILD_TIMEOUT);
        this.version = version;
        return answer;
    }

    /**
     * Builds and starts {@code topology} with every switch connected to a controller on each of
     * {@code controllerPorts} (a cluster), hosts silent until used.
     */
    public JsonNode build(
            Topology topology, OpenFlowVersion version, List<Integer> controllerPorts) {
        JsonNode answer =
                call(
                        "build",
                        topology.toBuildRequest(version, "127.0.0.1", controllerPorts, true),
                        BUILD_TIMEOUT);
        this.version = version;
        return answer;
    }

    /** The OpenFlow version of the current network, if built. */
    public Optional<OpenFlowVersion> version() {
        return Optional.ofNullable(version);
    }

    /** Switch name to "OVS shows a connected controller" (OVSDB {@code is_connected}). */
    public Map<String, Boolean> controllersConnected() {
        JsonNode switches = call("controllers_connected", Map.of(), SHORT).path("switches");
        Map<String, Boolean> result = new LinkedHashMap<>();
        switches.fields()
                .forEachRemaining(
                        e -> result.put(e.getKey(), e.getValue().path("is_connected").asBoolean()));
        return result;
    }

    /** Switch name to the controller targets OVS shows connected ({@code tcp:127.0.0.1:6653}). */
    public Map<String, List<String>> connectedTargets() {
        JsonNode switches = call("controllers_connected", Map.of(), SHORT).path("switches");
        Map<String, List<String>> result = new LinkedHashMap<>();
        switches.fields()
                .forEachRemaining(
                        e -> {
                            List<String> targets = new ArrayList<>();
                            e.getValue()
                                    .path("connected_targets")
                                    .forEach(t -> targets.add(t.asText()));
                            result.put(e.getKey(), targets);
                        });
        return result;
    }

    /** Pings {@code count} times from host {@code src} to host {@code dst}. */
    public PingResult ping(String src, String dst, int count) {
        Duration timeout = Duration.ofSeconds(15 + count);
        JsonNode answer =
                call(
                        "ping",
                        Map.of("src", src, "dst", dst, "count", count, "interval", 0.2),
                        timeout);
        return new PingResult(answer.path("sent").asInt(), answer.path("received").asInt());
    }

    /** Pings once between every ordered pair of hosts; the totals. */
    public PingResult pingAll() {
        JsonNode answer = call("pingall", Map.of(), Duration.ofMinutes(5));
        return new PingResult(answer.path("sent").asInt(), answer.path("received").asInt());
    }

    /**
     * Pings once (or {@code count} times) for every {@code [src, dst]} pair: one process per source
     * host, all sources in parallel. One result per pair, in no particular order.
     */
    public List<PairResult> pingSet(List<List<String>> pairs, int count) {
        if (pairs.isEmpty()) {
            return List.of();
        }
        Duration timeout = Duration.ofSeconds(30 + pairs.size() * (2L + count));
        JsonNode answer =
                call("pingset", Map.of("pairs", pairs, "count", count, "timeout", 1), timeout);
        List<PairResult> results = new java.util.ArrayList<>();
        for (JsonNode pair : answer.path("pairs")) {
            results.add(
                    new PairResult(
                            pair.path("src").asText(),
                            pair.path("dst").asText(),
                            pair.path("sent").asInt(),
                            pair.path("received").asInt()));
        }
        return results;
    }

    /** Every host sends one ARP request (for an unused address), all hosts in parallel. */
    public void announce(List<String> hosts) {
        call("announce", Map.of("hosts", hosts), SHORT);
    }

    /** Starts {@code ping -D -i interval} from {@code src} to {@code dst} in the background. */
    public int pingBackgroundStart(String src, String dst, Duration interval) {
        return call(
                        "ping_bg_start",
                        Map.of("src", src, "dst", dst, "interval", interval.toMillis() / 1000.0),
                        SHORT)
                .path("handle")
                .asInt();
    }

    /** Stops a background ping; its totals, losses and the largest gap between two replies. */
    public PingTrace pingBackgroundStop(int handle) {
        JsonNode a = call("ping_bg_stop", Map.of("handle", handle), SHORT);
        return new PingTrace(
                a.path("sent").asInt(),
                a.path("received").asInt(),
                a.path("lost").asInt(),
                a.path("max_gap_ms").asDouble(),
                a.path("max_gap_after").asDouble(),
                a.path("gaps_ms").toString(),
                a.path("duration_ms").asDouble());
    }

    /** TCP iperf3 from {@code src} to {@code dst}: {@code parallel} streams for {@code seconds}. */
    public double iperfBitsPerSecond(String src, String dst, int parallel, int seconds) {
        return call(
                        "iperf",
                        Map.of("src", src, "dst", dst, "parallel", parallel, "seconds", seconds),
                        Duration.ofSeconds(seconds + 40))
                .path("bits_per_second")
                .asDouble();
    }

    /**
     * TCP iperf3 from {@code src} to {@code dst}: {@code parallel} streams, each paced to {@code
     * bitsPerStream} (so every stream sends as much, where unpaced TCP streams share a busy
     * datapath very unequally), for {@code seconds}; what was sent.
     */
    public double iperfPacedBitsPerSecond(
            String src, String dst, int parallel, int seconds, long bitsPerStream) {
        return call(
                        "iperf",
                        Map.of(
                                "src", src,
                                "dst", dst,
                                "parallel", parallel,
                                "seconds", seconds,
                                "stream_bitrate", bitsPerStream),
                        Duration.ofSeconds(seconds + 40))
                .path("bits_per_second")
                .asDouble();
    }

    /** Starts one TCP iperf3 stream from {@code src} to {@code dst} for {@code seconds}. */
    public int iperfBackgroundStart(String src, String dst, int seconds) {
        return call("iperf_bg_start", Map.of("src", src, "dst", dst, "seconds", seconds), SHORT)
                .path("handle")
                .asInt();
    }

    /** Waits for a background iperf3 to end; the bit rate it sent at. */
    public double iperfBackgroundStop(int handle, Duration timeout) {
        return call("iperf_bg_stop", Map.of("handle", handle), timeout)
                .path("bits_per_second")
                .asDouble();
    }

    /** Limits what the host sends to {@code mbps} Mbit/s (tc tbf on its interface). */
    public void shapeHost(String host, double mbps) {
        call("shape_host", Map.of("host", host, "mbps", mbps), SHORT);
    }

    /**
     * As {@link #iperfBitsPerSecond}, but what the receiver got: without what a policer dropped and
     * the sender sent again.
     */
    public double iperfReceivedBitsPerSecond(String src, String dst, int parallel, int seconds) {
        return call(
                        "iperf",
                        Map.of("src", src, "dst", dst, "parallel", parallel, "seconds", seconds),
                        Duration.ofSeconds(seconds + 40))
                .path("received_bits_per_second")
                .asDouble();
    }

    /**
     * Moves the switch end of {@code host}'s cable to {@code sw} (the host keeps MAC and IP).
     *
     * @return the OpenFlow port number it got on {@code sw}
     */
    public int replug(String host, String sw) {
        return call("replug", Map.of("host", host, "switch", sw), SHORT).path("ofport").asInt();
    }

    /** Bridge name to its OVSDB {@code fail_mode} (empty string when unset). */
    public Map<String, String> failModes() {
        JsonNode bridges = call("bridge_info", Map.of(), SHORT).path("bridges");
        Map<String, String> result = new LinkedHashMap<>();
        bridges.fields()
                .forEachRemaining(
                        e ->
                                result.put(
                                        e.getKey(),
                                        e.getValue().path("fail_mode").isTextual()
                                                ? e.getValue().path("fail_mode").asText()
                                                : ""));
        return result;
    }

    /** Brings the cable between nodes {@code a} and {@code b} up or down (both interfaces). */
    public void link(String a, String b, boolean up) {
        call("link", Map.of("a", a, "b", b, "state", up ? "up" : "down"), SHORT);
    }

    /** Removes switch {@code name}'s bridge from OVS (its cables stay). */
    public void switchStop(String name) {
        call("switch_stop", Map.of("name", name), SHORT);
    }

    /** Re-creates switch {@code name}'s bridge with its ports and controller. */
    public void switchStart(String name) {
        call("switch_start", Map.of("name", name), SHORT);
    }

    /** {@code ovs-ofctl -O <version> dump-flows <switch>}, non-empty lines. */
    public List<String> dumpFlows(String sw) {
        return lines(call("dump_flows", Map.of("switch", sw), SHORT));
    }

    /** {@code ovs-ofctl -O <version> dump-groups <switch>}, non-empty lines. */
    public List<String> dumpGroups(String sw) {
        return lines(call("dump_groups", Map.of("switch", sw), SHORT));
    }

    /**
     * {@code ovs-ofctl -O <version> del-flows <switch>}: every flow gone, behind the controller's
     * back (OVS sends it nothing).
     */
    public void delFlows(String sw) {
        call("del_flows", Map.of("switch", sw), SHORT);
    }

    /** {@code ovs-ofctl -O <version> del-groups <switch>} (OpenFlow 1.3). */
    public void delGroups(String sw) {
        call("del_groups", Map.of("switch", sw), SHORT);
    }

    /**
     * Points the switch's controller at a loopback port where nothing listens: the switch closes
     * its controller connection, keeps its flows ({@code fail_mode=secure}) and retries in vain.
     * ({@code ovs-vsctl del-controller} would not do: OVS flushes a bridge's flows when it loses
     * its last controller.)
     */
    public void detachController(String sw) {
        call("controller_detach", Map.of("switch", sw), SHORT);
    }

    /** Gives the switch its controller back, as Mininet configured it; it reconnects at once. */
    public void attachController(String sw) {
        call("controller_attach", Map.of("switch", sw), SHORT);
    }

    /** {@code ovs-ofctl -O <version> dump-ports-desc <switch>}, non-empty lines. */
    public List<String> dumpPortsDesc(String sw) {
        return lines(call("dump_ports_desc", Map.of("switch", sw), SHORT));
    }

    /** {@code ovs-ofctl -O <version> dump-ports <switch>}, non-empty lines. */
    public List<String> dumpPorts(String sw) {
        return lines(call("dump_ports", Map.of("switch", sw), SHORT));
    }

    private static List<String> lines(JsonNode answer) {
        return JSON.convertValue(
                answer.path("lines"),
                JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    /**
     * Sends {@code cmd} with {@code args} and waits up to {@code timeout} for its answer.
     *
     * @return the answer (with {@code ok:true})
     * @throws MininetDriverException on {@code ok:false}, timeout, or a dead driver
     */
    public JsonNode call(String cmd, Map<String, ?> args, Duration timeout) {
        return channel.call(cmd, args, timeout);
    }

    /** Like {@link #call} but returns an {@code ok:false} answer instead of throwing. */
    public JsonNode request(String cmd, Map<String, ?> args, Duration timeout) {
        return channel.request(cmd, args, timeout);
    }

    /**
     * Stops the network (asks the driver, then SIGTERM and SIGKILL to the driver's own PID if
     * needed) and always runs {@code mn -c}. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (channel.isClosed()) {
            return;
        }
        try {
            channel.close();
        } finally {
            cleanMininet(dir);
        }
    }

    /** {@code mn -c}, output appended to {@code dir/mn-clean.log}. */
    static void cleanMininet(Path dir) {
        Commands.Result result =
                Commands.runLogged(CLEAN_TIMEOUT, dir.resolve("mn-clean.log"), List.of("mn", "-c"));
        if (!result.ok()) {
            System.err.println("mn -c exited " + result.exitCode() + ", see mn-clean.log");
        }
    }
}
