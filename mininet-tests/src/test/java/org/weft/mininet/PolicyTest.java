package org.weft.mininet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The policy stage on real Open vSwitch (OpenFlow 1.3, userspace datapath): an ACL that denies TCP
 * port 5201 to a host stops iperf3 while ping goes on, and deleting it lets iperf3 through again; a
 * 10 Mbit/s rate limit (a meter on the host's ingress switch) caps the host's iperf3 TCP
 * throughput, and removing it restores full speed. On OpenFlow 1.0 (one table, no meters) both are
 * refused with 409 naming the switch.
 */
class PolicyTest extends MininetTestSupport {

    private static final Duration REACH = Duration.ofSeconds(45);

    private WeftRest rest;
    private String token;

    private void start(OpenFlowVersion version) throws IOException {
        startWeft();
        Topology t = Topologies.linear(2);
        buildAndDiscover(t, version);
        fabric.awaitAllReach(t.allHostPairs(), REACH, "before policy");
        rest = new WeftRest(weft.restPort());
        token = Files.readString(testDir.resolve("weft-data").resolve("api-token")).trim();
    }

    private JsonNode send(String method, String path, String body, int expected) {
        WeftRest.Answer a = rest.send(method, path, body, token);
        assertThat(a.status()).as("%s %s: %s", method, path, a.body()).isEqualTo(expected);
        return a.body();
    }

    @Test
    void anAclDenyingPort5201StopsIperfButNotPingUntilItIsDeleted() throws IOException {
        start(OpenFlowVersion.OF13);
        assertThat(mininet.iperfBitsPerSecond("h1", "h2", 1, 2)).as("before").isPositive();

        send(
                "POST",
                "acls",
                "{\"id\":\"no-iperf\",\"action\":\"deny\",\"ipv4Dst\":\"10.0.0.2/32\","
                        + "\"ipProto\":\"tcp\",\"tcpDst\":5201}",
                201);
        assertThat(mininet.ping("h1", "h2", 3).allReceived()).as("ping with the ACL").isTrue();
        assertThatThrownBy(() -> mininet.iperfBitsPerSecond("h1", "h2", 1, 2))
                .as("iperf3 with the ACL")
                .isInstanceOf(MininetDriverException.class);
        JsonNode listed = send("GET", "acls/no-iperf", null, 200);
        record("ACL after the denied iperf3: " + listed);
        assertThat(listed.path("packets").asLong()).as("denied SYNs counted").isPositive();
        assertThat(String.join("\n", mininet.dumpFlows("s1")))
                .as("s1's policy table drops tcp_dst=5201 (no actions)")
                .containsPattern(
                        "priority=50000,tcp,nw_dst=10\\.0\\.0\\.2,tp_dst=5201 actions=drop");

        send("DELETE", "acls/no-iperf", null, 204);
        assertThat(send("GET", "acls", null, 200)).isEmpty();
        assertThat(mininet.iperfBitsPerSecond("h1", "h2", 1, 2)).as("after").isPositive();
    }

    @Test
    void aTenMegabitRateLimitCapsIperfAndRemovingItRestoresFullSpeed() throws IOException {
        start(OpenFlowVersion.OF13);
        double before = mininet.iperfBitsPerSecond("h1", "h2", 1, 5);

        JsonNode added =
                send(
                        "POST",
                        "rate-limits",
                        "{\"id\":\"h1-10m\",\"hostIp\":\"10.0.0.1\",\"rateKbps\":10000,"
                                + "\"burstKb\":2000}",
                        201);
        assertThat(added.path("state").asText()).as("%s", added).isEqualTo("INSTALLED");
        assertThat(added.path("dpid").asText()).isEqualTo(WeftRest.dpid(1));
        // Four streams keep the meter's bucket busy while one backs off from a drop; a bucket of
        // 0.2 s worth lets TCP run at the rate instead of sawing below it. The receiver's rate:
        // the sender's counts what the meter dropped and TCP sent again.
        double capped = mininet.iperfReceivedBitsPerSecond("h1", "h2", 4, 10);
        JsonNode meters = send("GET", "meters", null, 200);

        send("DELETE", "rate-limits/h1-10m", null, 204);
        double after = mininet.iperfBitsPerSecond("h1", "h2", 1, 5);
        record(
                String.format(
                        "iperf3 h1->h2 TCP: %.1f Mbit/s before, %.2f Mbit/s with a 10 Mbit/s"
                                + " meter, %.1f Mbit/s after removing it; meters: %s",
                        before / 1e6, capped / 1e6, after / 1e6, meters));

        assertThat(capped / 1e6).as("Mbit/s with the meter").isBetween(8.0, 12.0);
        assertThat(meters).hasSize(1);
        assertThat(meters.get(0).path("rateLimit").asText()).isEqualTo("h1-10m");
        assertThat(meters.get(0).path("bandPackets").asLong()).as("dropped").isPositive();
        assertThat(after).as("restored").isGreaterThan(5 * 12e6);
        assertThat(send("GET", "meters", null, 200)).as("meter removed").isEmpty();
    }

    @Test
    void onOpenFlow10PolicyIsRefusedNamingTheSwitch() throws IOException {
        start(OpenFlowVersion.OF10);
        JsonNode acl = send("POST", "acls", "{\"action\":\"deny\",\"ipProto\":\"icmp\"}", 409);
        assertThat(acl.path("detail").asText()).contains("has no policy stage");
        JsonNode limit =
                send("POST", "rate-limits", "{\"hostIp\":\"10.0.0.1\",\"rateKbps\":10000}", 409);
        assertThat(limit.path("detail").asText()).contains(WeftRest.dpid(1));
        assertThat(send("GET", "acls", null, 200)).isEmpty();
        assertThat(send("GET", "rate-limits", null, 200)).isEmpty();
        assertThat(mininet.ping("h1", "h2", 2).allReceived()).isTrue();
        assertThat(List.of(send("GET", "meters", null, 200).size())).containsExactly(0);
    }
}
