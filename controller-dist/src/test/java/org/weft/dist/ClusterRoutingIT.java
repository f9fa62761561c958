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

/**
 * Three Weft instances on a three-server ZooKeeper ensemble and a line of six emulated switches
 * connected to all three, mastered by different instances: every instance sees every link and both
 * hosts (REST), the route between hosts on switches with different masters is installed on every
 * switch of the path (each by its master) and carries a frame end to end; when the master of a
 * middle switch stops, the routes stay, the links stay shared, and the new master owns the links
 * into that switch.
 */
class ClusterRoutingIT {

    private static final int SWITCHES = 6;
    private static final int LINKS = 2 * (SWITCHES - 1);
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
        fabric = FabricBuilder.linear(SWITCHES).build();
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

    private boolean routedEndToEnd(TestHost a, TestHost b) {
        for (long s = a.at().dpid().value(); s <= b.at().dpid().value(); s++) {
            if (!routes(s, a.mac()) || !routes(s, b.mac())) {
                return false;
            }
        }
        return true;
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

    /** The owner of each shared link record, by znode name. */
    private Map<String, String> linkOwners() throws Exception {
        Map<String, String> owners = new TreeMap<>();
        try (CuratorFramework c =
                CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100))) {
            c.start();
            for (String name : c.getChildren().forPath("/weft/links")) {
                JsonNode r = JSON.readTree(c.getData().forPath("/weft/links/" + name));
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
                () -> routedEndToEnd(a, b), Duration.ofSeconds(10), "routes on every switch");
        assertReaches(a, b);
        assertReaches(b, a);
        long written = zooKeeperWrites();
        Thread.sleep(1_000); // five LLDP rounds of steady state
        assertThat(zooKeeperWrites()).as("ZooKeeper writes in steady state").isEqualTo(written);

        // A middle switch not mastered by n1: every emulated switch's first connection is to n1,
        // and the emulator forwards only while that one is up. With two switches per instance
        // and far >= 5, one of switches 2..far-1 is another instance's.
        Weft primary = wefts.get(0);
        long middle = 2;
        while (master(middle).orElseThrow() == primary) {
            middle++;
        }
        assertThat(middle).isLessThan(far);
        Weft victim = master(middle).orElseThrow();
        String victimId = victim.mastership().view().localNode();
        wefts.remove(victim);
        victim.close();
        WeftTestBed.waitUntil(
                this::everySwitchHasOneMaster, Duration.ofSeconds(5), "switches re-mastered");
        String heir = master(middle).orElseThrow().mastership().view().localNode();
        Link into = Link.of(ConnectPoint.of(middle - 1, 2), ConnectPoint.of(middle, 1));
        Link back = Link.of(ConnectPoint.of(middle + 1, 1), ConnectPoint.of(middle, 2));
        WeftTestBed.waitUntil(
                () -> {
                    try {
                        Map<String, String> owners = linkOwners();
                        return heir.equals(owners.get(recordName(into)))
                                && heir.equals(owners.get(recordName(back)))
                                && !owners.containsValue(victimId);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                Duration.ofSeconds(5),
                "the new master owns the links into switch " + middle);
        assertThat(linkOwners()).hasSize(LINKS);
        assertThat(everyInstanceShows(LINKS, 2)).isTrue();
        assertThat(routedEndToEnd(a, b)).as("routes kept through the failover").isTrue();
        assertReaches(a, b);
        assertReaches(b, a);
        assertThat(wefts.get(0).sharedTopology().counters().dropped()).isZero();
    }
}
