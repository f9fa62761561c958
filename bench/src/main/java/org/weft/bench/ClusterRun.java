package org.weft.bench;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.Dpid;
import org.weft.openflow.emulator.EmulatedFabric;
import org.weft.openflow.emulator.EmulatedSwitch;
import org.weft.openflow.emulator.FabricBuilder;

/**
 * A Weft cluster under a ring of emulated switches: a standalone ZooKeeper server and N packaged
 * Weft instances as their own processes, every switch connected to every instance. Measures the
 * time until every switch has a master, the spread of masters over the instances, ZooKeeper's
 * writes in steady state (its zxid), and, for each {@code kill -9} of an instance, how long until
 * every switch it mastered received a MASTER role request with a higher generation id from another
 * instance (as the switches saw it), and until the cluster view names no switch for it.
 */
final class ClusterRun {

    private static final Logger log = LoggerFactory.getLogger(ClusterRun.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HMAC_KEY = "00112233445566778899aabbccddeeff";

    record Options(
            Path weftJar,
            int instances,
            int switches,
            int sessionTimeoutMs,
            Duration settle,
            Duration steady,
            int kills,
            Duration limit,
            Path outDir) {}

    /**
     * One kill.
     *
     * @param switchesMoved switches the victim mastered
     * @param switchSideMillis until every one of them got a MASTER request with a higher generation
     * @param viewMillis until a surviving instance's cluster view named none of them for the victim
     * @param rejoinSpread masters per instance after the victim restarted and the cluster settled
     */
    record Kill(
            String victim,
            int switchesMoved,
            long switchSideMillis,
            long viewMillis,
            Map<String, Integer> rejoinSpread) {}

    record Result(
            Options options,
            double connectSeconds,
            double masteredSeconds,
            Map<String, Integer> spread,
            long steadyWrites,
            double steadySeconds,
            List<Kill> kills) {}

    private final Options opt;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<WeftJarProcess> wefts = new ArrayList<>();
    private String zookeeper;
    private int restarts = 1;

    ClusterRun(Options opt) {
        this.opt = opt;
    }

    Result run() throws Exception {
        try (ZooKeeperServer zk = ZooKeeperServer.start(opt.outDir(), opt.limit());
                EmulatedFabric fabric = FabricBuilder.ring(opt.switches()).build()) {
            try {
                for (int i = 1; i <= opt.instances(); i++) {
                    wefts.add(launch(i, 1, zk.connectString()));
                }
                long t0 = System.nanoTime();
                fabric.connect("127.0.0.1", wefts.get(0).openflowPort(), opt.limit());
                List<CompletableFuture<EmulatedSwitch>> more = new ArrayList<>();
                for (EmulatedSwitch sw : fabric.switches()) {
                    for (WeftJarProcess w : wefts.subList(1, wefts.size())) {
                        more.add(sw.connectAlso("127.0.0.1", w.openflowPort()));
                    }
                }
                CompletableFuture.allOf(more.toArray(CompletableFuture[]::new))
                        .get(opt.limit().toMillis(), TimeUnit.MILLISECONDS);
                double connect = (System.nanoTime() - t0) / 1e9;
                log.info("{} switches connected to {} instances", opt.switches(), wefts.size());
                await("every switch mastered, balanced", () -> balanced(masters(wefts.get(0))));
                double mastered = (System.nanoTime() - t0) / 1e9;
                Map<String, Integer> spread = load(masters(wefts.get(0)));
                log.info("mastered after {} s: {}", mastered, spread);
                // Discovery settles: links appear, and their first latency samples (taken while
                // everything starts) are corrected, which is written at most every 30 s per link.
                Thread.sleep(opt.settle().toMillis());
                long z0 = zk.lastZxid();
                long s0 = System.nanoTime();
                Thread.sleep(opt.steady().toMillis());
                long writes = zk.lastZxid() - z0;
                double steadySeconds = (System.nanoTime() - s0) / 1e9;
                List<Kill> kills = new ArrayList<>();
                for (int k = 0; k < opt.kills(); k++) {
                    kills.add(kill(k % wefts.size(), fabric));
                }
                return new Result(opt, connect, mastered, spread, writes, steadySeconds, kills);
            } finally {
                wefts.forEach(WeftJarProcess::close);
            }
        }
    }

    /** Instance n{@code i}'s {@code start}-th run: its own directory, log and data directory. */
    private WeftJarProcess launch(int i, int start, String zk) throws Exception {
        zookeeper = zk;
        Path dir = Files.createDirectories(opt.outDir().resolve("n" + i));
        return WeftJarProcess.start(
                opt.weftJar(),
                dir,
                "weft-" + start,
                dir.resolve("data"),
                config("n" + i, zk),
                null);
    }

    private Kill kill(int index, EmulatedFabric fabric) throws Exception {
        String victim = "n" + (index + 1);
        WeftJarProcess w = wefts.get(index);
        WeftJarProcess witness = wefts.get((index + 1) % wefts.size());
        Map<Dpid, Long> before = new HashMap<>();
        masters(witness)
                .forEach(
                        (dpid, node) -> {
                            if (node.equals(victim)) {
                                Dpid d = Dpid.parse(dpid);
                                before.put(d, fabric.get(d).maxGenerationId().orElse(0));
                            }
                        });
        long t0 = System.nanoTime();
        w.kill();
        long switchSide = -1;
        long view = -1;
        long deadline = t0 + opt.limit().toNanos();
        while ((switchSide < 0 || view < 0) && System.nanoTime() < deadline) {
            long now = System.nanoTime();
            if (switchSide < 0
                    && before.entrySet().stream()
                            .allMatch(
                                    e ->
                                            fabric.get(e.getKey()).maxGenerationId().orElse(0)
                                                    > e.getValue())) {
                switchSide = (now - t0) / 1_000_000;
            }
            if (view < 0) {
                Map<String, String> m = masters(witness);
                if (m.size() == opt.switches() && !m.containsValue(victim)) {
                    view = (now - t0) / 1_000_000;
                }
            }
            Thread.sleep(10);
        }
        log.info("kill -9 of {}: switch side {} ms, view {} ms", victim, switchSide, view);
        w = launch(index + 1, ++restarts, zookeeper);
        wefts.set(index, w);
        // Emulated switches do not reconnect by themselves (Open vSwitch would): connect again.
        List<CompletableFuture<EmulatedSwitch>> again = new ArrayList<>();
        for (EmulatedSwitch sw : fabric.switches()) {
            again.add(sw.connectAlso("127.0.0.1", w.openflowPort()));
        }
        CompletableFuture.allOf(again.toArray(CompletableFuture[]::new))
                .get(opt.limit().toMillis(), TimeUnit.MILLISECONDS);
        await("balanced after " + victim + " rejoined", () -> balanced(masters(witness)));
        return new Kill(victim, before.size(), switchSide, view, load(masters(witness)));
    }

    private String config(String id, String zookeeper) {
        return String.join(
                "\n",
                "",
                "cluster:",
                "  zookeeper: " + zookeeper,
                "  nodeId: " + id,
                "  sessionTimeoutMs: " + opt.sessionTimeoutMs(),
                "topology:",
                "  hmacKey: " + HMAC_KEY,
                "");
    }

    private boolean balanced(Map<String, String> masters) {
        if (masters.size() != opt.switches()) {
            return false;
        }
        Map<String, Integer> load = load(masters);
        if (load.size() != wefts.size()) {
            return false;
        }
        int max = load.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        int min = load.values().stream().mapToInt(Integer::intValue).min().orElse(0);
        return max - min <= 1;
    }

    static Map<String, Integer> load(Map<String, String> masters) {
        Map<String, Integer> load = new TreeMap<>();
        masters.values().forEach(m -> load.merge(m, 1, Integer::sum));
        return load;
    }

    /** Each switch's master as the instance's {@code GET /api/v1/cluster} says; empty if none. */
    private Map<String, String> masters(WeftJarProcess w) {
        Map<String, String> m = new TreeMap<>();
        try {
            HttpResponse<String> r =
                    http.send(
                            HttpRequest.newBuilder(
                                            URI.create(
                                                    "http://127.0.0.1:"
                                                            + w.restPort()
                                                            + "/api/v1/cluster"))
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                JsonNode view = JSON.readTree(r.body());
                view.path("masters")
                        .fields()
                        .forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
            }
        } catch (IOException e) {
            log.debug("cluster view of port {}: {}", w.restPort(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return m;
    }

    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + opt.limit().toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within " + opt.limit() + ": " + what);
            }
            Thread.sleep(50);
        }
    }
}
