package org.weft.mininet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The REST API against what Open vSwitch and Mininet show: links and hosts, flows, and operator
 * actions (a static drop flow, a link weight, a steering rule) that must change what real traffic
 * does, seen in ping results and port counters.
 */
class RestVsRealityTest extends MininetTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REACH = Duration.ofSeconds(45);
    private final HttpClient http = HttpClient.newHttpClient();

    private JsonNode call(String method, String path, String body, int expected) {
        try {
            String token =
                    Files.readString(testDir.resolve("weft-data").resolve("api-token")).trim();
            HttpRequest.Builder b =
                    HttpRequest.newBuilder(
                                    URI.create(
                                            "http://127.0.0.1:"
                                                    + weft.restPort()
                                                    + "/api/v1/"
                                                    + path))
                            .timeout(Duration.ofSeconds(15))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json");
            b.method(
                    method,
                    body == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("%s %s: %s", method, path, r.body()).isEqualTo(expected);
            return r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private String dpid(Topology t, String sw) {
        return WeftRest.dpid(
                t.switches().stream()
                        .filter(s -> s.name().equals(sw))
                        .findFirst()
                        .orElseThrow()
                        .dpid());
    }

    private String ip(Topology t, String host) {
        return t.hosts().stream()
                .filter(h -> h.name().equals(host))
                .findFirst()
                .orElseThrow()
                .ip()
                .replaceFirst("/.*", "");
    }

    @Test
    void linksAndHostsAgreeWithTheFabricAndFollowACut() throws IOException {
        Topology ft = Topologies.fatTree4();
        startWeft();
        long buildAt = System.nanoTime();
        buildAndDiscover(ft, OpenFlowVersion.OF13);
        WeftRest rest = new WeftRest(weft.restPort());
        Set<WeftRest.Link> expected = new HashSet<>();
        for (Topology.Link l : ft.switchLinks()) {
            var a = new WeftRest.Point(dpid(ft, l.a()), fabric.port(l.a(), l.b()));
            var b = new WeftRest.Point(dpid(ft, l.b()), fabric.port(l.b(), l.a()));
            expected.add(new WeftRest.Link(a, b));
            expected.add(new WeftRest.Link(b, a));
        }
        assertThat(expected).hasSize(64);
        Wait.until(
                "REST lists exactly the 64 directed links",
                Duration.ofSeconds(10),
                () -> new HashSet<>(rest.links()).equals(expected));
        record(
                String.format(
                        "fat tree k=4: build, connect and discover all 64 links (REST) in %d ms",
                        (System.nanoTime() - buildAt) / 1_000_000));
        for (Topology.Host h : ft.hosts()) {
            String sw = ft.switchOf(h.name());
            WeftRest.Point at = new WeftRest.Point(dpid(ft, sw), fabric.port(sw, h.name()));
            assertThat(rest.hosts())
                    .as("host %s", h.name())
                    .anySatisfy(
                            x -> {
                                assertThat(x.location()).isEqualTo(at);
                                assertThat(x.ips()).contains(ip(ft, h.name()));
                            });
        }

        long cutAt = System.nanoTime();
        fabric.cut("s13", "s5");
        Wait.until(
                "the cut cable's two links leave REST within 1 s",
                Duration.ofSeconds(1),
                () -> rest.links().size() == 62);
        record(
                String.format(
                        "REST dropped the cut cable's links after %d ms",
                        (System.nanoTime() - cutAt) / 1_000_000));
        fabric.restore("s13", "s5");
        Wait.until("the links come back", Duration.ofSeconds(10), () -> rest.links().size() == 64);
    }

    @Test
    void flowsAgreeWithOvsOfctl() throws IOException {
        Topology ls = Topologies.leafSpine(2, 4, 2);
        startWeft();
        buildAndDiscover(ls, OpenFlowVersion.OF13);
        fabric.awaitAllReach(ls.allHostPairs(), REACH, "before comparing");
        for (String sw : ls.switchNames()) {
            Wait.until(
                    "REST /flows and dump-flows agree on " + sw,
                    Duration.ofSeconds(10),
                    () -> {
                        JsonNode flows = call("GET", "flows?dpid=" + dpid(ls, sw), null, 200);
                        List<String> fromRest = new ArrayList<>();
                        flows.forEach(
                                f ->
                                        fromRest.add(
                                                f.path("priority").asInt()
                                                        + "/"
                                                        + Long.toHexString(
                                                                Long.decode(
                                                                        f.path("cookie")
                                                                                .asText()))));
                        List<String> fromOvs = new ArrayList<>();
                        for (String line : mininet.dumpFlows(sw)) {
                            var p =
                                    java.util.regex.Pattern.compile(
                                                    "cookie=0x([0-9a-f]+).*priority=(\\d+)")
                                            .matcher(line);
                            if (p.find()) {
                                fromOvs.add(p.group(2) + "/" + p.group(1));
                            }
                        }
                        fromRest.sort(null);
                        fromOvs.sort(null);
                        return !fromOvs.isEmpty() && fromRest.equals(fromOvs);
                    });
        }
    }

    @Test
    void staticDropFlowBlocksAPingAndDeletingItRestoresIt() throws IOException {
        Topology ls = Topologies.leafSpine(2, 4, 2);
        startWeft();
        buildAndDiscover(ls, OpenFlowVersion.OF13);
        fabric.awaitAllReach(List.of(List.of("h1", "h3")), REACH, "before the drop flow");
        String leaf = ls.switchOf("h1");
        JsonNode flow =
                call(
                        "POST",
                        "flows",
                        String.format(
                                "{\"dpid\":\"%s\",\"priority\":3000,\"match\":{\"ethType\":\"0x0800\",\"ipv4Dst\":\"%s\"},"
                                        + "\"actions\":[]}",
                                dpid(ls, leaf), ip(ls, "h3")),
                        201);
        assertThat(mininet.ping("h1", "h3", 3).received())
                .as("pings through the drop flow")
                .isZero();
        call("DELETE", "flows/" + flow.path("id").asText(), null, 204);
        fabric.awaitAllReach(List.of(List.of("h1", "h3")), REACH, "after deleting the drop flow");
    }

    @Test
    void steeringMovesAPingThroughTheChosenSpine() throws IOException {
        Topology ls = Topologies.leafSpine(2, 4, 2);
        startWeft();
        buildAndDiscover(ls, OpenFlowVersion.OF13);
        fabric.awaitAllReach(List.of(List.of("h1", "h3")), REACH, "before steering");
        String from = ls.switchOf("h1");
        String to = ls.switchOf("h3");
        for (String spine : List.of("s1", "s2")) {
            JsonNode rule =
                    call(
                            "POST",
                            "steering",
                            String.format(
                                    "{\"ipv4Src\":\"%s\",\"ipv4Dst\":\"%s\",\"path\":[\"%s\",\"%s\",\"%s\"]}",
                                    ip(ls, "h1"),
                                    ip(ls, "h3"),
                                    dpid(ls, from),
                                    dpid(ls, spine),
                                    dpid(ls, to)),
                            201);
            int toSpine = fabric.port(spine, to);
            long before = fabric.txPackets(spine, toSpine);
            assertThat(mininet.ping("h1", "h3", 20).received()).isEqualTo(20);
            assertThat(fabric.txPackets(spine, toSpine) - before)
                    .as("packets %s sent toward %s while steered through it", spine, to)
                    .isGreaterThanOrEqualTo(20);
            call("DELETE", "steering/" + rule.path("id").asText(), null, 204);
        }
    }

    @Test
    void anAdminWeightMovesTraffic() throws IOException {
        Topology ring = Topologies.ring(4);
        startWeft();
        buildAndDiscover(ring, OpenFlowVersion.OF13);
        fabric.awaitAllReach(ring.allHostPairs(), REACH, "before weights");
        call("PUT", "routing", "{\"metric\":\"ADMIN_WEIGHT\"}", 200);
        // h1 (s1) to h2 (s2): direct over s1-s2; a heavy s1-s2 sends it the long way, via s4 and
        // s3.
        String body =
                String.format(
                        "{\"src\":{\"dpid\":\"%s\",\"port\":%d},\"dst\":{\"dpid\":\"%s\",\"port\":%d},"
                                + "\"weight\":10}",
                        dpid(ring, "s1"),
                        fabric.port("s1", "s2"),
                        dpid(ring, "s2"),
                        fabric.port("s2", "s1"));
        call("POST", "link-weights", body, 200);
        int s1ToS4 = fabric.port("s1", "s4");
        Wait.until(
                "h1 -> h2 leaves s1 toward s4",
                Duration.ofSeconds(15),
                () -> {
                    long before = fabric.txPackets("s1", s1ToS4);
                    return mininet.ping("h1", "h2", 10).received() == 10
                            && fabric.txPackets("s1", s1ToS4) - before >= 10;
                });
        call("DELETE", "link-weights", body.replace(",\"weight\":10", ""), 204);
        int s1ToS2 = fabric.port("s1", "s2");
        Wait.until(
                "h1 -> h2 is back on s1-s2",
                Duration.ofSeconds(15),
                () -> {
                    long before = fabric.txPackets("s1", s1ToS2);
                    return mininet.ping("h1", "h2", 10).received() == 10
                            && fabric.txPackets("s1", s1ToS2) - before >= 10;
                });
    }
}
