package org.weft.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weft.net.MacAddress;
import org.weft.net.PortNumber;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;
import org.weft.openflow.emulator.EmulatedFabric;
import org.weft.openflow.emulator.EmulatedSwitch;

/**
 * The policy stage end to end over real OpenFlow bytes: REST, the policy app, the reconciler, the
 * driver's table shift and meters, against emulated switches with two tables (and, for the
 * refusals, with one).
 */
class PolicyRoutesIT {

    private static final String H1 = "0a:00:00:00:00:01";

    @TempDir Path dir;

    private static EmulatedFabric twoSwitches(int tables) {
        return EmulatedFabric.builder()
                .addSwitch(1, 4)
                .addSwitch(2, 4)
                .cable(1, 4, 2, 4)
                .tables(tables)
                .build();
    }

    private static List<FlowRule> table0(EmulatedSwitch sw) {
        return sw.table().flows().stream().filter(r -> r.tableId() == 0).toList();
    }

    @Test
    void aclRulesGoToTableZeroAndForwardingToTableOne() throws Exception {
        try (RestTestBed bed = new RestTestBed(dir)) {
            EmulatedFabric fabric = bed.connect(twoSwitches(2));
            EmulatedSwitch s1 = fabric.get(1);
            bed.announceHost(s1, 1, H1, "10.0.0.1");
            RestTestBed.waitUntil(
                    () -> s1.table().flows().stream().anyMatch(r -> r.tableId() == 1),
                    Duration.ofSeconds(5));
            var pipeline = bed.get("/api/v1/switches/" + s1.dpid()).json().path("pipeline");
            assertThat(pipeline.path("tables").asInt()).isEqualTo(2);
            assertThat(pipeline.path("policyStage").asBoolean()).isTrue();
            assertThat(table0(s1))
                    .as("only the policy stage's miss entry before any ACL")
                    .singleElement()
                    .satisfies(
                            r ->
                                    assertThat(r.actions())
                                            .containsExactly(new FlowAction.Continue()));

            var added =
                    bed.post(
                            "/api/v1/acls",
                            "{\"id\":\"no-iperf\",\"action\":\"deny\",\"ipv4Dst\":\"10.0.0.2/32\","
                                    + "\"ipProto\":\"tcp\",\"tcpDst\":5201}");
            assertThat(added.status()).as(added.body()).isEqualTo(201);
            assertThat(table0(s1))
                    .anySatisfy(
                            r -> {
                                assertThat(r.match().tcpDst()).isEqualTo(5201);
                                assertThat(r.actions()).as("deny drops").isEmpty();
                            })
                    .anySatisfy(
                            r ->
                                    assertThat(r.match())
                                            .as("the inter-switch port bypasses the ACL")
                                            .isEqualTo(
                                                    FlowMatch.builder()
                                                            .inPort(PortNumber.of(4))
                                                            .build()));
            assertThat(bed.get("/api/v1/acls").json().get(0).path("packets").asLong()).isZero();
            assertThat(
                            bed.post("/api/v1/acls", "{\"id\":\"no-iperf\",\"action\":\"deny\"}")
                                    .status())
                    .as("duplicate id")
                    .isEqualTo(409);
            assertThat(bed.post("/api/v1/acls", "{\"action\":\"deny\",\"ipv4Src\":\"10.0.0/33\"}"))
                    .satisfies(r -> assertThat(r.status()).as(r.body()).isEqualTo(400));
            assertThat(bed.post("/api/v1/acls", "{\"action\":\"drop\"}").status()).isEqualTo(400);
            assertThat(bed.get("/api/v1/acls").json()).hasSize(1);
            // The switch's flows as REST lists them are in logical tables: routes in table 0,
            // the policy stage in table 254.
            var flows = bed.get("/api/v1/flows?dpid=" + s1.dpid());
            assertThat(flows.status()).as(flows.body()).isEqualTo(200);
            assertThat(flows.json().findValues("tableId").stream().map(n -> n.asInt()).distinct())
                    .containsExactlyInAnyOrder(0, FlowRule.POLICY_TABLE);
            assertThat(flows.body()).contains("\"CONTINUE\"");

            assertThat(bed.delete("/api/v1/acls/no-iperf").status()).isEqualTo(204);
            assertThat(table0(s1)).hasSize(1);
            assertThat(bed.delete("/api/v1/acls/no-iperf").status()).isEqualTo(404);
        }
    }

    @Test
    void aRateLimitIsAMeterAndAnEntryOnTheHostsSwitch() throws Exception {
        try (RestTestBed bed = new RestTestBed(dir)) {
            EmulatedFabric fabric = bed.connect(twoSwitches(2));
            EmulatedSwitch s1 = fabric.get(1);
            bed.announceHost(s1, 1, H1, "10.0.0.1");

            var added =
                    bed.post(
                            "/api/v1/rate-limits",
                            "{\"id\":\"h1\",\"hostMac\":\""
                                    + H1
                                    + "\",\"rateKbps\":10000,"
                                    + "\"burstKb\":2000}");
            assertThat(added.status()).as(added.body()).isEqualTo(201);
            assertThat(added.json().path("state").asText()).isEqualTo("INSTALLED");
            assertThat(s1.meters()).containsOnlyKeys(1L);
            assertThat(s1.meters().get(1L)).containsExactly(10000, 2000);
            assertThat(table0(s1))
                    .anySatisfy(
                            r -> {
                                assertThat(r.match().inPort()).isEqualTo(PortNumber.of(1));
                                assertThat(r.match().ethSrc()).isEqualTo(MacAddress.parse(H1));
                                assertThat(r.actions())
                                        .containsExactly(
                                                new FlowAction.Meter(1), new FlowAction.Continue());
                            });
            var meters = bed.get("/api/v1/meters").json();
            assertThat(meters).hasSize(1);
            assertThat(meters.get(0).path("rateLimit").asText()).isEqualTo("h1");

            assertThat(
                            bed.post(
                                            "/api/v1/rate-limits",
                                            "{\"hostIp\":\"10.9.9.9\",\"rateKbps\":10}")
                                    .status())
                    .as("unknown host")
                    .isEqualTo(422);
            assertThat(bed.post("/api/v1/rate-limits", "{\"hostMac\":\"" + H1 + "\"}").status())
                    .as("no rate")
                    .isEqualTo(400);

            assertThat(bed.delete("/api/v1/rate-limits/h1").status()).isEqualTo(204);
            assertThat(s1.meters()).isEmpty();
            assertThat(table0(s1)).hasSize(1);
        }
    }

    @Test
    void aRateLimitFollowsItsHostToAnotherSwitch() throws Exception {
        try (RestTestBed bed = new RestTestBed(dir)) {
            EmulatedFabric fabric = bed.connect(twoSwitches(2));
            EmulatedSwitch s1 = fabric.get(1);
            EmulatedSwitch s2 = fabric.get(2);
            bed.announceHost(s1, 1, H1, "10.0.0.1");
            var added =
                    bed.post(
                            "/api/v1/rate-limits",
                            "{\"id\":\"h1\",\"hostIp\":\"10.0.0.1\",\"rateKbps\":5000}");
            assertThat(added.status()).as(added.body()).isEqualTo(201);
            assertThat(s1.meters()).containsOnlyKeys(1L);

            bed.announceHost(s2, 2, H1, "10.0.0.1");
            RestTestBed.waitUntil(
                    () ->
                            s2.meters().containsKey(1L)
                                    && s1.meters().isEmpty()
                                    && table0(s1).size() == 1,
                    Duration.ofSeconds(5));
            RestTestBed.waitUntil(
                    () ->
                            table0(s2).stream()
                                    .anyMatch(r -> PortNumber.of(2).equals(r.match().inPort())),
                    Duration.ofSeconds(5));
            var moved = bed.get("/api/v1/rate-limits/h1").json();
            assertThat(moved.path("dpid").asText()).isEqualTo(s2.dpid().toString());
            assertThat(moved.path("port").asLong()).isEqualTo(2);
            assertThat(moved.path("state").asText()).isEqualTo("INSTALLED");
        }
    }

    @Test
    void aSwitchWithOneTableRefusesPolicyByName() throws Exception {
        try (RestTestBed bed = new RestTestBed(dir)) {
            EmulatedFabric fabric = bed.connect(twoSwitches(1));
            bed.announceHost(fabric.get(1), 1, H1, "10.0.0.1");
            // The switch says why, before anything is refused.
            var pipeline =
                    bed.get("/api/v1/switches/" + fabric.get(1).dpid()).json().path("pipeline");
            assertThat(pipeline.path("tables").asInt()).isEqualTo(1);
            assertThat(pipeline.path("policyStage").asBoolean()).isFalse();
            var acl = bed.post("/api/v1/acls", "{\"action\":\"deny\",\"ipProto\":\"icmp\"}");
            assertThat(acl.status()).isEqualTo(409);
            assertThat(acl.json().path("detail").asText()).contains("has no policy stage");
            var limit =
                    bed.post(
                            "/api/v1/rate-limits",
                            "{\"hostMac\":\"" + H1 + "\",\"rateKbps\":1000}");
            assertThat(limit.status()).isEqualTo(409);
            assertThat(limit.json().path("detail").asText())
                    .contains(fabric.get(1).dpid().toString());
            assertThat(bed.get("/api/v1/acls").json()).isEmpty();
            assertThat(bed.get("/api/v1/rate-limits").json()).isEmpty();
            assertThat(fabric.get(1).meters()).isEmpty();
        }
    }
}
