package org.weft.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.test.TestingCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.openflow.emulator.EmulatedSwitch;

/**
 * Three Weft instances on a three-server ZooKeeper ensemble (Curator's TestingCluster), and six
 * emulated OpenFlow 1.3 switches connected to all three: mastership balanced and enforced with
 * growing generation ids, and moved when an instance stops.
 */
class ClusterIT {

    private static final int SWITCHES = 6;
    private static final String TOKEN = "cluster-it-token-0123456789";

    private TestingCluster zk;
    private final List<Weft> wefts = new ArrayList<>();
    private final List<EmulatedSwitch> switches = new ArrayList<>();

    private Weft start(String id) throws Exception {
        WeftConfig c = WeftTestBed.config(200);
        c.cluster.zookeeper = zk.getConnectString();
        c.cluster.nodeId = id;
        c.cluster.sessionTimeoutMs = 2_000;
        c.rest.token = TOKEN;
        return Weft.start(c, name -> null);
    }

    @BeforeEach
    void setUp() throws Exception {
        zk = new TestingCluster(3);
        zk.start();
        for (String id : List.of("n1", "n2", "n3")) {
            wefts.add(start(id));
        }
        for (int i = 1; i <= SWITCHES; i++) {
            EmulatedSwitch sw = EmulatedSwitch.builder(i).build();
            sw.connect("127.0.0.1", wefts.get(0).openflowPorts().get(0)).get(5, TimeUnit.SECONDS);
            for (Weft w : wefts.subList(1, wefts.size())) {
                sw.connectAlso("127.0.0.1", w.openflowPorts().get(0)).get(5, TimeUnit.SECONDS);
            }
            switches.add(sw);
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        switches.forEach(EmulatedSwitch::close);
        wefts.forEach(Weft::close);
        zk.close();
    }

    /** Each switch has one master among the instances, they agree, and the load is within one. */
    private static boolean balanced(List<Weft> among) {
        Map<Weft, Integer> load = new HashMap<>();
        for (int i = 1; i <= SWITCHES; i++) {
            Dpid d = Dpid.of(i);
            List<Weft> masters = among.stream().filter(w -> w.mastership().isMaster(d)).toList();
            if (masters.size() != 1
                    || among.stream()
                                    .mapToLong(w -> w.mastership().generationId(d))
                                    .distinct()
                                    .count()
                            != 1) {
                return false;
            }
            load.merge(masters.get(0), 1, Integer::sum);
        }
        int max = among.stream().mapToInt(w -> load.getOrDefault(w, 0)).max().orElse(0);
        int min = among.stream().mapToInt(w -> load.getOrDefault(w, 0)).min().orElse(0);
        return max - min <= 1;
    }

    /** Every switch holds its master's generation id as the largest it has seen. */
    private boolean switchesKnowTheirMasters(List<Weft> among) {
        for (EmulatedSwitch sw : switches) {
            long gen = among.get(0).mastership().generationId(sw.dpid());
            if (sw.maxGenerationId().orElse(-1) != gen) {
                return false;
            }
        }
        return true;
    }

    /** POST /api/v1/flows, for a condition (no checked exception). */
    private static HttpResponse<String> post(Weft w, String body) {
        try {
            return http(w, "POST", "/api/v1/flows", body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> http(Weft w, String method, String path, String body)
            throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + w.rest().port() + path))
                                .header("Authorization", "Bearer " + TOKEN)
                                .method(
                                        method,
                                        body == null
                                                ? HttpRequest.BodyPublishers.noBody()
                                                : HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    /** A static flow for a switch {@code w} masters. */
    private static String staticFlow(Weft w, int priority) {
        return staticFlow(w, priority, true);
    }

    /** A static flow for a switch {@code w} masters, or (mastered false) one it does not. */
    private static String staticFlow(Weft w, int priority, boolean mastered) {
        for (int i = 1; i <= SWITCHES; i++) {
            if (w.mastership().isMaster(Dpid.of(i)) == mastered) {
                return "{\"dpid\":\""
                        + Dpid.of(i)
                        + "\",\"priority\":"
                        + priority
                        + ",\"match\":{\"ethSrc\":\"0a:00:00:00:00:66\"},\"actions\":[]}";
            }
        }
        throw new AssertionError("the instance masters no switch");
    }

    @Test
    void oneZooKeeperServerLostIsToleratedAndAFullOutageKeepsRolesAndAnswers503() throws Exception {
        WeftTestBed.waitUntil(
                () -> balanced(wefts) && switchesKnowTheirMasters(wefts),
                Duration.ofSeconds(20),
                "balanced mastership");
        Weft w = wefts.get(0);
        zk.killServer(zk.getInstances().iterator().next());
        // If w's session was on the killed server, its client moves to another one: until it has,
        // intent writes answer 503 (nothing stored) — then they succeed, with the session kept.
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        WeftTestBed.waitUntil(
                () -> {
                    last.set(post(w, staticFlow(w, 10)));
                    return last.get().statusCode() != 503;
                },
                Duration.ofSeconds(10),
                "an intent write once the client left the killed server");
        HttpResponse<String> written = last.get();
        assertThat(written.statusCode()).as(written.body()).isEqualTo(201);
        HttpResponse<String> elsewhere = http(w, "POST", "/api/v1/flows", staticFlow(w, 11, false));
        assertThat(elsewhere.statusCode()).as(elsewhere.body()).isEqualTo(202);
        assertThat(elsewhere.body()).contains("\"state\":\"PENDING\"");
        assertThat(balanced(wefts)).isTrue();
        zk.stop();
        WeftTestBed.waitUntil(
                () -> !w.mastership().view().zookeeper().equals("CONNECTED"),
                Duration.ofSeconds(10),
                "ZooKeeper seen as gone");
        HttpResponse<String> refused = http(w, "POST", "/api/v1/flows", staticFlow(w, 20));
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).contains("\"error\":\"store unavailable\"");
        assertThat(http(w, "GET", "/api/v1/cluster", null).body()).doesNotContain("CONNECTED\"}");
        assertThat(balanced(wefts)).as("every instance keeps its roles").isTrue();
    }

    @Test
    void mastershipIsBalancedEnforcedAndShownOverRest() throws Exception {
        WeftTestBed.waitUntil(
                () -> balanced(wefts) && switchesKnowTheirMasters(wefts),
                Duration.ofSeconds(20),
                "balanced mastership on the switches");
        Weft any = wefts.get(1);
        HttpResponse<String> r =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://127.0.0.1:"
                                                                + any.rest().port()
                                                                + "/api/v1/cluster"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains(
                        "\"localNode\":\"n2\"", "\"clustered\":true", "\"zookeeper\":\"CONNECTED\"")
                .contains("\"id\":\"n1\"", "\"id\":\"n3\"", "\"switchesMastered\":2");
        // Each switch's master, as the instances themselves hold it.
        for (EmulatedSwitch sw : switches) {
            String master =
                    wefts.stream()
                            .filter(w -> w.mastership().isMaster(sw.dpid()))
                            .map(w -> w.mastership().view().localNode())
                            .findFirst()
                            .orElseThrow();
            assertThat(r.body()).contains("\"" + sw.dpid() + "\":\"" + master + "\"");
        }
    }

    @Test
    void aStoppedInstancesSwitchesGetNewMastersWithHigherGenerations() throws Exception {
        WeftTestBed.waitUntil(
                () -> balanced(wefts) && switchesKnowTheirMasters(wefts),
                Duration.ofSeconds(20),
                "balanced mastership");
        Weft victim = wefts.get(0);
        Map<Dpid, Long> before = new HashMap<>();
        for (EmulatedSwitch sw : switches) {
            if (victim.mastership().isMaster(sw.dpid())) {
                before.put(sw.dpid(), sw.maxGenerationId().orElseThrow());
            }
        }
        assertThat(before).isNotEmpty();
        wefts.remove(victim);
        victim.close();
        WeftTestBed.waitUntil(
                () -> balanced(wefts) && switchesKnowTheirMasters(wefts),
                Duration.ofSeconds(3),
                "re-mastered within sessionTimeoutMs + 1 s");
        before.forEach(
                (dpid, gen) ->
                        assertThat(wefts.get(0).mastership().generationId(dpid))
                                .isGreaterThan(gen));
    }
}
