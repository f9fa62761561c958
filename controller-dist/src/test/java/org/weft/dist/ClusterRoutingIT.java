package org.weft.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weft.dist.RoutingIT.TestHost;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.MacAddress;
import org.weft.openflow.emulator.EmulatedFabric;
import org.weft.openflow.emulator.EmulatedSwitch;
import org.weft.openflow.emulator.FabricBuilder;
import org.weft.openflow.emulator.FakeFlowTable;

/**
 * Three Weft instances on a three-server ZooKeeper ensemble and a ring of six emulated switches
 * connected to all three, mastered by different instances: every instance sees every link and both
 * hosts (REST), the routes between hosts on switches with different masters are installed on every
 * switch (each by its master) and carry frames end to end, and steady state writes nothing to
 * ZooKeeper; when the master of a switch on the way stops, the routes stay, the links stay shared,
 * the new master owns the links into that switch, and its pass restores the entries (rules and
 * groups) of a switch that lost them.
 */
class ClusterRoutingIT {

    private static final int SWITCHES = 6;
    private static final int LINKS = 2 * SWITCHES;
    private static final String TOKEN = "cluster-routing-it-token-0123";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestingCluster zk;
    private final List<Weft> wefts = new ArrayList<>();
    private EmulatedFabric fabric;

    private Weft start(String id) throws Exception {
        WeftConfig c = WeftTestBed.config(200);
        c.cluster.zookeeper = zk.getConnectString();
        c.cluster.nodeId = id;
        c.cluster.sessionTimeoutMs = 2_000;
        c.rest.token = TOKEN;
        return Weft.start(c, WeftTestBed.NO_ENV);
    }

    @BeforeEach
    void setUp() throws Exception {
        zk = new TestingCluster(3);
        zk.start();
        for (String id : List.of("n1", "n2", "n3")) {
            wefts.add(start(id));
        }
        fabric = FabricBuilder.ring(SWITCHES).build();
        fabric.recordDeliveries(true);
        fabric.connect("127.0.0.1", wefts.get(0).openflowPorts().get(0), Duration.ofSeconds(10));
        for (EmulatedSwitch sw : fabric.switches()) {
            for (Weft w : wefts.subList(1, wefts.size())) {
                sw.connectAlso("127.0.0.1", w.openflowPorts().get(0))
                        .get(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        if (fabric != null) {
            fabric.close();
        }
        wefts.forEach(Weft::close);
        zk.close();
    }

    private long mastered(Weft w) {
        return fabric.switches().stream().filter(sw -> w.mastership().isMaster(sw.dpid())).count();
    }

    /** The instance mastering the switch, when exactly one does. */
    private Optional<Weft> master(long dpid) {
        List<Weft> m = wefts.stream().filter(w -> w.mastership().isMaster(Dpid.of(dpid))).toList();
        return m.size() == 1 ? Optional.of(m.get(0)) : Optional.empty();
    }

    /**
     * Every switch has one master among the instances, holds its generation id, and the instances
     * master as many switches each (within one).
     */
    private boolean everySwitchHasOneMaster() {
        long most = wefts.stream().mapToLong(this::mastered).max().orElse(0);
        long least = wefts.stream().mapToLong(this::mastered).min().orElse(0);
        if (most - least > 1) {
            return false;
        }
        for (long i = 1; i <= SWITCHES; i++) {
            if (master(i).isEmpty()
                    || fabric.get(i).maxGenerationId().orElse(-1)
                            != master(i).get().mastership().generationId(Dpid.of(i))) {
                return false;
            }
        }
        return true;
    }

    private static String metrics(Weft w) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://127.0.0.1:" + w.rest().port() + "/metrics"))
                                .header("Authorization", "Bearer " + TOKEN)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static JsonNode get(Weft w, String path) {
        try {
            HttpResponse<String> r =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            "http://127.0.0.1:"
                                                                    + w.rest().port()
                                                                    + path))
                                            .header("Authorization", "Bearer " + TOKEN)
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean everyInstanceShows(int links, int hosts) {
        return wefts.stream()
                .allMatch(
                        w ->
                                get(w, "/api/v1/links").size() == links
                                        && get(w, "/api/v1/hosts").size() == hosts);
    }

    /** Whether the switch holds a routing rule toward the MAC. */
    private boolean routes(long dpid, MacAddress dst) {
        return fabric.get(dpid).table().flows().stream()
                .anyMatch(f -> dst.equals(f.match().ethDst()));
    }

    /** Routes toward a host are on every switch of its component: here, every switch. */
    private boolean routedEverywhere(TestHost a, TestHost b) {
        for (long s = 1; s <= SWITCHES; s++) {
            if (!routes(s, a.mac()) || !routes(s, b.mac())) {
                return false;
            }
        }
        return true;
    }

    /** The links entering the switch. */
    private List<Link> linksInto(long dpid) {
        List<Link> into = new ArrayList<>();
        for (EmulatedFabric.Cable c : fabric.cables()) {
            if (c.a().dpid().value() == dpid) {
                into.add(Link.of(c.b(), c.a()));
            } else if (c.b().dpid().value() == dpid) {
                into.add(Link.of(c.a(), c.b()));
            }
        }
        return into;
    }

    private void assertReaches(TestHost from, TestHost to) throws InterruptedException {
        fabric.clearDeliveries();
        fabric.injectFromHost(from.at(), RoutingIT.ipv4(from, to));
        WeftTestBed.waitUntil(
                () -> RoutingIT.deliveredTo(fabric, to.at(), to.mac()) >= 1,
                Duration.ofSeconds(5),
                "a frame from " + from + " delivered to " + to);
    }

    /** Link and host records written (and deleted) by every instance so far. */
    private long zooKeeperWrites() {
        return wefts.stream()
                .map(w -> w.sharedTopology().counters())
                .mapToLong(c -> c.writes() + c.deletes())
                .sum();
    }

    /** LLDP probes sent by every instance so far (each to the switches it masters). */
    private long probesSent() {
        return wefts.stream()
                .mapToLong(w -> w.core().linkDiscovery().counters().probesSent())
                .sum();
    }

    /** Probes the cluster sends in one LLDP round: one out of every live port, by its master. */
    private long probesPerRound() {
        return fabric.switches().stream()
                .flatMap(sw -> sw.ports().stream())
                .filter(p -> p.isLive() && !p.number().isReserved())
                .count();
    }

    /** The owner of each shared record under {@code parent} (links or hosts), by znode name. */
    private Map<String, String> owners(String parent) throws Exception {
        Map<String, String> owners = new TreeMap<>();
        try (CuratorFramework c =
                CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100))) {
            c.start();
            for (String name : c.getChildren().forPath(parent)) {
                JsonNode r = JSON.readTree(c.getData().forPath(parent + "/" + name));
                owners.put(name, r.get("owner").asText());
            }
        }
        return owners;
    }

    private static String recordName(Link l) {
        return String.format(
                "%016x-%d-%016x-%d",
                l.srcDpid().value(),
                l.src().port().value(),
                l.dstDpid().value(),
                l.dst().port().value());
    }

    @Test
    void linksAndHostsAreSharedAndRoutesSpanSwitchesOfDifferentMastersAcrossAFailover()
            throws Exception {
        WeftTestBed.waitUntil(
                this::everySwitchHasOneMaster, Duration.ofSeconds(20), "balanced mastership");
        String firstMaster = master(1).orElseThrow().mastership().view().localNode();
        long far = SWITCHES;
        while (master(far).orElseThrow().mastership().view().localNode().equals(firstMaster)) {
            far--;
        }
        assertThat(far)
                .as("a switch mastered by another instance than switch 1's")
                .isGreaterThan(2);
        TestHost a = new TestHost(1, ConnectPoint.of(1, 3));
        TestHost b = new TestHost(2, ConnectPoint.of(far, 3));

        // Each instance discovers only the links into the switches it masters.
        WeftTestBed.waitUntil(
                () -> everyInstanceShows(LINKS, 0), Duration.ofSeconds(15), "all links everywhere");
        fabric.injectFromHost(a.at(), RoutingIT.arpRequest(a, b));
        fabric.injectFromHost(b.at(), RoutingIT.arpRequest(b, a));
        WeftTestBed.waitUntil(
                () -> everyInstanceShows(LINKS, 2),
                Duration.ofSeconds(10),
                "both hosts everywhere");
        WeftTestBed.waitUntil(
                () -> routedEverywhere(a, b), Duration.ofSeconds(10), "routes on every switch");
        assertReaches(a, b);
        assertReaches(b, a);
        long written = zooKeeperWrites();
        long probes = probesSent();
        WeftTestBed.waitUntil(
                () -> probesSent() >= probes + 5 * probesPerRound(),
                Duration.ofSeconds(10),
                "five LLDP rounds of steady state");
        assertThat(zooKeeperWrites()).as("ZooKeeper writes in steady state").isEqualTo(written);

        // The instance that stops is not n1: every emulated switch's first connection is to n1,
        // and the emulator forwards only while that one is up. Of its two switches, one keeps its
        // entries (they must stay through the failover), the other, one with groups, loses them
        // just before (the new master's pass on becoming master must put them back).
        Weft victim = null;
        long middle = 0;
        long other = 0;
        for (long s = 1; s <= SWITCHES && victim == null; s++) {
            Weft m = master(s).orElseThrow();
            if (m != wefts.get(0) && !fabric.get(s).table().groups().isEmpty()) {
                victim = m;
                other = s;
            }
        }
        assertThat(victim).as("a switch with groups mastered by n2 or n3").isNotNull();
        for (long s = 1; s <= SWITCHES; s++) {
            if (s != other && master(s).orElseThrow() == victim) {
                middle = s;
            }
        }
        String victimId = victim.mastership().view().localNode();
        FakeFlowTable tampered = fabric.get(other).table();
        int groups = tampered.groups().size();
        tampered.removeMatching(f -> f.match().ethDst() != null);
        tampered.groups().forEach(g -> tampered.removeGroup(g.groupId()));
        wefts.remove(victim);
        victim.close();
        WeftTestBed.waitUntil(
                this::everySwitchHasOneMaster, Duration.ofSeconds(5), "switches re-mastered");
        assertThat(routes(middle, a.mac()) && routes(middle, b.mac()))
                .as("routes kept on switch " + middle + " through the failover")
                .isTrue();
        String heir = master(middle).orElseThrow().mastership().view().localNode();
        List<String> into = linksInto(middle).stream().map(ClusterRoutingIT::recordName).toList();
        assertThat(into).hasSize(2);
        WeftTestBed.waitUntil(
                () -> {
                    try {
                        Map<String, String> links = owners("/weft/links");
                        return into.stream().allMatch(n -> heir.equals(links.get(n)))
                                && !links.containsValue(victimId)
                                && !owners("/weft/hosts").containsValue(victimId);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                Duration.ofSeconds(5),
                "the new masters own the stopped instance's links and hosts");
        assertThat(owners("/weft/links")).hasSize(LINKS);
        assertThat(owners("/weft/hosts")).hasSize(2);
        assertThat(everyInstanceShows(LINKS, 2)).isTrue();
        WeftTestBed.waitUntil(
                () -> routedEverywhere(a, b) && tampered.groups().size() == groups,
                Duration.ofSeconds(5),
                "switch " + other + "'s routes and groups back from its new master");
        assertReaches(a, b);
        assertReaches(b, a);
        assertThat(wefts.get(0).sharedTopology().counters().dropped()).isZero();
        assertThat(metrics(wefts.get(0)))
                .contains("weft_cluster_topology_writes_total ")
                .contains("weft_cluster_topology_dropped_total 0.0")
                .contains("weft_cluster_intent_watch_dropped_total 0.0")
                .contains("weft_cluster_readiness_dropped_total 0.0")
                .contains("weft_cluster_mastership_dropped_total 0.0");
    }
}
