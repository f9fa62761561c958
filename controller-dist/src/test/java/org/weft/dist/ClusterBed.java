package org.weft.dist;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.weft.net.Dpid;
import org.weft.openflow.emulator.EmulatedFabric;
import org.weft.openflow.emulator.EmulatedSwitch;
import org.weft.openflow.emulator.FabricBuilder;

/**
 * A three-server ZooKeeper ensemble (Curator's TestingCluster), Weft instances on it and an
 * emulated fabric whose switches connect to every instance; closed together.
 */
final class ClusterBed implements AutoCloseable {

    static final String TOKEN = "cluster-it-token-0123456789";
    static final int SESSION_TIMEOUT_MS = 2_000;

    final TestingCluster zk;
    final List<Weft> wefts = new ArrayList<>();
    private EmulatedFabric fabric;

    /**
     * ZooKeeper's tick: a session expires at the first tick after its timeout, so a tick of 100 ms
     * (instead of the test servers' default of 1 s) keeps expiry within 100 ms of {@link
     * #SESSION_TIMEOUT_MS} (and allows sessions of up to 20 ticks, 2 s).
     */
    static final int TICK_MS = 100;

    ClusterBed() throws Exception {
        List<InstanceSpec> servers = new ArrayList<>();
        for (int id = 1; id <= 3; id++) {
            servers.add(new InstanceSpec(null, -1, -1, -1, true, id, TICK_MS, -1));
        }
        zk = new TestingCluster(servers);
        zk.start();
    }

    /** The configuration of instance {@code id} of this cluster. */
    WeftConfig config(String id) {
        WeftConfig c = WeftTestBed.config(200);
        c.cluster.zookeeper = zk.getConnectString();
        c.cluster.nodeId = id;
        c.cluster.sessionTimeoutMs = SESSION_TIMEOUT_MS;
        c.rest.token = TOKEN;
        return c;
    }

    Weft start(String id) throws Exception {
        Weft w = Weft.start(config(id), WeftTestBed.NO_ENV);
        wefts.add(w);
        return w;
    }

    /** Builds the fabric and connects every switch to every given OpenFlow port. */
    EmulatedFabric connect(FabricBuilder shape, List<Integer> openflowPorts) throws Exception {
        fabric = shape.build();
        fabric.connect("127.0.0.1", openflowPorts.get(0), Duration.ofSeconds(30));
        for (EmulatedSwitch sw : fabric.switches()) {
            for (int port : openflowPorts.subList(1, openflowPorts.size())) {
                sw.connectAlso("127.0.0.1", port).get(5, TimeUnit.SECONDS);
            }
        }
        return fabric;
    }

    /** Each switch has one master among the instances, they agree, and loads are within one. */
    boolean balanced(List<Weft> among) {
        int[] load = new int[among.size()];
        for (EmulatedSwitch sw : fabric.switches()) {
            Dpid d = sw.dpid();
            int master = -1;
            for (int i = 0; i < among.size(); i++) {
                if (among.get(i).mastership().isMaster(d)) {
                    if (master >= 0) {
                        return false;
                    }
                    master = i;
                }
            }
            long generations =
                    among.stream()
                            .mapToLong(w -> w.mastership().generationId(d))
                            .distinct()
                            .count();
            if (master < 0 || generations != 1) {
                return false;
            }
            load[master]++;
        }
        int max = java.util.Arrays.stream(load).max().orElse(0);
        int min = java.util.Arrays.stream(load).min().orElse(0);
        return max - min <= 1;
    }

    /** Every switch holds its master's generation id (as {@code w} sees it) as the largest. */
    boolean switchesKnowTheirMasters(Weft w) {
        for (EmulatedSwitch sw : fabric.switches()) {
            if (sw.maxGenerationId().orElse(-1) != w.mastership().generationId(sw.dpid())) {
                return false;
            }
        }
        return true;
    }

    static HttpResponse<String> http(int restPort, String method, String path, String body)
            throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + path))
                                .header("Authorization", "Bearer " + TOKEN)
                                .timeout(Duration.ofSeconds(10))
                                .method(
                                        method,
                                        body == null
                                                ? HttpRequest.BodyPublishers.noBody()
                                                : HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    /** GET's body, "" unless it answered 200; unchecked, for conditions polled until they hold. */
    static String get(int restPort, String path) {
        try {
            HttpResponse<String> r = http(restPort, "GET", path, null);
            return r.statusCode() == 200 ? r.body() : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: GET " + path, e);
        } catch (Exception e) {
            throw new IllegalStateException("GET " + path + " on port " + restPort + " failed", e);
        }
    }

    @Override
    public void close() throws Exception {
        if (fabric != null) {
            fabric.close();
        }
        wefts.forEach(Weft::close);
        zk.close();
    }
}
