package org.weft.mininet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Weft cluster run by a test: a real ZooKeeper server process and N packaged Weft jars, each in
 * its own directory ({@code n1}, {@code n2}, ... of the test's directory, so each has its own data
 * directory and log), each reaching ZooKeeper through its own {@link TcpRelay} so that one instance
 * can be partitioned from ZooKeeper alone. All instances share one LLDP key: a probe one instance
 * sends is received by another.
 */
public final class WeftCluster implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HMAC_KEY = "00112233445566778899aabbccddeeff";

    /** One instance: its node id, ports, relay to ZooKeeper and the process now running, if any. */
    public static final class Instance {
        final String id;
        final Path dir;
        final int openflowPort;
        final int restPort;
        final TcpRelay relay;
        WeftProcess process;
        int starts;

        Instance(String id, Path dir, int openflowPort, int restPort, TcpRelay relay) {
            this.id = id;
            this.dir = dir;
            this.openflowPort = openflowPort;
            this.restPort = restPort;
            this.relay = relay;
        }

        public String id() {
            return id;
        }

        public int openflowPort() {
            return openflowPort;
        }

        public WeftProcess process() {
            return process;
        }

        public TcpRelay relay() {
            return relay;
        }
    }

    private final ZooKeeperProcess zookeeper;
    private final List<Instance> instances;
    private final int sessionTimeoutMs;
    private final List<WeftProcess> ended = new ArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private WeftCluster(
            ZooKeeperProcess zookeeper, List<Instance> instances, int sessionTimeoutMs) {
        this.zookeeper = zookeeper;
        this.instances = instances;
        this.sessionTimeoutMs = sessionTimeoutMs;
    }

    /** Starts ZooKeeper and {@code size} instances, each once it listens on its OpenFlow port. */
    public static WeftCluster start(Path dir, int size, int sessionTimeoutMs) throws IOException {
        ZooKeeperProcess zk = ZooKeeperProcess.start(dir);
        List<Instance> instances = new ArrayList<>();
        WeftCluster cluster = new WeftCluster(zk, instances, sessionTimeoutMs);
        try {
            for (int i = 1; i <= size; i++) {
                String id = "n" + i;
                Path home = Files.createDirectories(dir.resolve(id));
                instances.add(
                        new Instance(
                                id,
                                home,
                                WeftProcess.freePort(),
                                WeftProcess.freePort(),
                                TcpRelay.start(zk.port())));
            }
            for (Instance instance : instances) {
                cluster.launch(instance);
            }
        } catch (IOException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private void launch(Instance instance) throws IOException {
        Path config = instance.dir.resolve("weft.yaml");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "cluster:",
                        "  zookeeper: 127.0.0.1:" + instance.relay.port(),
                        "  nodeId: " + instance.id,
                        "  sessionTimeoutMs: " + sessionTimeoutMs,
                        "topology:",
                        "  hmacKey: " + HMAC_KEY,
                        ""));
        instance.starts++;
        instance.process =
                WeftProcess.start(
                        MininetEnvironment.weftJarUnderTest(),
                        instance.dir,
                        instance.openflowPort,
                        instance.restPort,
                        instance.starts == 1 ? "weft.log" : "weft-" + instance.starts + ".log",
                        List.of("--config", config.toString()));
    }

    public List<Instance> instances() {
        return instances;
    }

    public Instance instance(String id) {
        return instances.stream()
                .filter(i -> i.id.equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no instance " + id));
    }

    public List<Integer> openflowPorts() {
        return instances.stream().map(i -> i.openflowPort).toList();
    }

    /** {@code kill -9} of the instance's process (its ZooKeeper session is left to expire). */
    public void kill(Instance instance) {
        WeftProcess p = instance.process;
        p.kill();
        ended.add(p);
        instance.process = null;
    }

    /** Starts the instance again on its ports, with its configuration. */
    public void restart(Instance instance) throws IOException {
        if (instance.process != null) {
            throw new IllegalStateException(instance.id + " still runs");
        }
        launch(instance);
    }

    /**
     * Each switch's master by DPID ({@code 00:00:00:00:00:00:00:01}), as instance {@code asker}
     * reports it in {@code GET /api/v1/cluster}; empty when it does not answer.
     */
    public Map<String, String> masters(Instance asker) {
        JsonNode view = view(asker);
        Map<String, String> masters = new TreeMap<>();
        if (view != null) {
            view.path("masters")
                    .fields()
                    .forEachRemaining(e -> masters.put(e.getKey(), e.getValue().asText()));
        }
        return masters;
    }

    /** The node ids {@code asker} sees alive; empty when it does not answer. */
    public List<String> aliveNodes(Instance asker) {
        JsonNode view = view(asker);
        List<String> alive = new ArrayList<>();
        if (view != null) {
            view.path("nodes")
                    .forEach(
                            n -> {
                                if (n.path("alive").asBoolean()) {
                                    alive.add(n.path("id").asText());
                                }
                            });
        }
        return alive;
    }

    /** Switches mastered per node id, from {@link #masters}. */
    public static Map<String, Integer> load(Map<String, String> masters) {
        Map<String, Integer> load = new HashMap<>();
        masters.values().forEach(m -> load.merge(m, 1, Integer::sum));
        return load;
    }

    private JsonNode view(Instance asker) {
        if (asker.process == null) {
            return null;
        }
        try {
            HttpResponse<String> r =
                    http.send(
                            HttpRequest.newBuilder(
                                            URI.create(
                                                    "http://127.0.0.1:"
                                                            + asker.restPort
                                                            + "/api/v1/cluster"))
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Every process this cluster ran that is still running, then the ones that ended. */
    public List<WeftProcess> processes() {
        List<WeftProcess> all = new ArrayList<>();
        instances.stream().filter(i -> i.process != null).forEach(i -> all.add(i.process));
        all.addAll(ended);
        return all;
    }

    /** Stops every instance (SIGTERM by PID), the relays and ZooKeeper. */
    @Override
    public void close() {
        for (Instance instance : instances) {
            if (instance.process != null) {
                instance.process.stop();
                ended.add(instance.process);
                instance.process = null;
            }
            instance.relay.close();
        }
        zookeeper.close();
    }
}
