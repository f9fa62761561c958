package org.weft.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.MacAddress;
import org.weft.net.PortNumber;
import org.weft.net.flow.Cookies;
import org.weft.net.flow.FlowRule;
import org.weft.net.topology.LinkInfo;
import org.weft.openflow.emulator.EmulatedFabric;
import org.weft.openflow.emulator.EmulatedSwitch;
import org.weft.openflow.emulator.FabricBuilder;

/**
 * Operator intent is cluster-wide and live: three Weft instances on a three-server ZooKeeper
 * ensemble, a line of three emulated switches connected to all three. A static flow written through
 * an instance that does not master its switch is installed by the master and seen by every
 * instance; deleted through a third, the master removes it; a link weight set on one instance is
 * applied by the others.
 */
class ClusterIntentIT {

    private static final Duration LIVE = Duration.ofSeconds(5);

    private ClusterBed bed;
    private EmulatedFabric fabric;

    @BeforeEach
    void setUp() throws Exception {
        bed = new ClusterBed();
        for (String id : List.of("a", "b", "c")) {
            bed.start(id);
        }
        fabric =
                bed.connect(
                        FabricBuilder.linear(3).tables(2),
                        bed.wefts.stream().map(w -> w.openflowPorts().get(0)).toList());
        WeftTestBed.waitUntil(
                () -> bed.balanced(bed.wefts) && bed.switchesKnowTheirMasters(bed.wefts.get(0)),
                Duration.ofSeconds(20),
                "balanced mastership");
    }

    @AfterEach
    void tearDown() throws Exception {
        bed.close();
    }

    private static int port(Weft w) {
        return w.rest().port();
    }

    private static long staticEntries(EmulatedSwitch sw, long cookie) {
        return sw.table().flows().stream().filter(r -> r.cookie() == cookie).count();
    }

    @Test
    void aStaticFlowWrittenThroughANonMasterIsInstalledByTheMasterAndDeletedThroughAThird()
            throws Exception {
        // Every instance masters one of the three switches.
        EmulatedSwitch sw = fabric.switches().iterator().next();
        Dpid dpid = sw.dpid();
        Weft master = masterOf(dpid);
        List<Weft> others = bed.wefts.stream().filter(w -> w != master).toList();
        Weft writer = others.get(0);
        Weft deleter = others.get(1);

        HttpResponse<String> posted =
                ClusterBed.http(
                        port(writer),
                        "POST",
                        "/api/v1/flows",
                        "{\"dpid\":\""
                                + dpid
                                + "\",\"priority\":300,\"match\":{\"ethSrc\":\"0a:00:00:00:00:66\"},"
                                + "\"actions\":[]}");
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        assertThat(posted.body()).contains("\"state\":\"PENDING\"");
        String id = posted.body().replaceAll(".*\"id\":\"(\\d+)\".*", "$1");
        long cookie = 0x0010000000000000L | Long.parseLong(id);

        WeftTestBed.waitUntil(
                () -> staticEntries(sw, cookie) == 1, LIVE, "the master installs the flow");
        for (Weft w : bed.wefts) {
            WeftTestBed.waitUntil(
                    () ->
                            ClusterBed.get(port(w), "/api/v1/flows/static")
                                    .contains("\"id\":\"" + id + "\""),
                    LIVE,
                    "static flow " + id + " listed by " + w.mastership().view().localNode());
        }
        WeftTestBed.waitUntil(
                () ->
                        ClusterBed.get(port(master), "/api/v1/flows/static")
                                .contains("\"state\":\"INSTALLED\""),
                LIVE,
                "INSTALLED on the master (its only static flow)");
        for (Weft w : bed.wefts) {
            assertThat(ClusterBed.get(port(w), "/api/v1/flows?dpid=" + dpid))
                    .as("the switch's table read through every instance")
                    .contains("\"staticFlowId\":\"" + id + "\"");
        }
        assertThat(
                        sw.table().flows().stream()
                                .filter(r -> r.cookie() == cookie)
                                .map(FlowRule::priority))
                .containsExactly(300);

        HttpResponse<String> deleted =
                ClusterBed.http(port(deleter), "DELETE", "/api/v1/flows/" + id, null);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        WeftTestBed.waitUntil(
                () -> staticEntries(sw, cookie) == 0, LIVE, "the master removes the flow");
        for (Weft w : bed.wefts) {
            WeftTestBed.waitUntil(
                    () ->
                            !ClusterBed.get(port(w), "/api/v1/flows/static")
                                    .contains("\"id\":\"" + id + "\""),
                    LIVE,
                    "static flow " + id + " gone from " + w.mastership().view().localNode());
        }
    }

    private static double adminWeight(Weft w, Link l) {
        return w.core().linkService().getLinkInfo(l).map(LinkInfo::adminWeight).orElse(-1.0);
    }

    private static String json(Link l) {
        return "{\"src\":{\"dpid\":\""
                + l.srcDpid()
                + "\",\"port\":"
                + l.src().port().value()
                + "},\"dst\":{\"dpid\":\""
                + l.dstDpid()
                + "\",\"port\":"
                + l.dst().port().value()
                + "}";
    }

    @Test
    void aLinkWeightSetOnOneInstanceIsAppliedByEveryInstance() throws Exception {
        EmulatedFabric.Cable cable =
                fabric.cables().stream()
                        .filter(c -> c.a().dpid().value() + c.b().dpid().value() == 3)
                        .findFirst()
                        .orElseThrow();
        Link there = Link.of(cable.a(), cable.b());
        Link back = there.reverse();
        // The master of a link's destination switch discovers it (LLDP arrives there).
        Weft writer = masterOf(there.dstDpid());
        Weft other = masterOf(back.dstDpid());
        WeftTestBed.waitUntil(
                () -> adminWeight(writer, there) == 1.0 && adminWeight(other, back) == 1.0,
                Duration.ofSeconds(10),
                "the cable between s1 and s2 discovered, each way by its own instance");

        HttpResponse<String> set =
                ClusterBed.http(
                        port(writer),
                        "POST",
                        "/api/v1/link-weights",
                        json(there) + ",\"weight\":10}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        for (Weft w : bed.wefts) {
            WeftTestBed.waitUntil(
                    () ->
                            ClusterBed.get(port(w), "/api/v1/link-weights")
                                    .contains("\"weight\":10.0"),
                    LIVE,
                    "the weight listed by " + w.mastership().view().localNode());
        }
        // The reverse link, which another instance discovered, weighs 10 in that instance's
        // topology: the weight its routing plans with.
        WeftTestBed.waitUntil(
                () -> adminWeight(other, back) == 10.0,
                LIVE,
                "the weight applied to the reverse link by its instance");
        assertThat(adminWeight(writer, there)).isEqualTo(10.0);

        HttpResponse<String> cleared =
                ClusterBed.http(port(other), "DELETE", "/api/v1/link-weights", json(there) + "}");
        assertThat(cleared.statusCode()).as(cleared.body()).isEqualTo(204);
        WeftTestBed.waitUntil(
                () -> adminWeight(writer, there) == 1.0 && adminWeight(other, back) == 1.0,
                LIVE,
                "the default weight back on both instances");
        for (Weft w : bed.wefts) {
            WeftTestBed.waitUntil(
                    () -> ClusterBed.get(port(w), "/api/v1/link-weights").equals("[]"),
                    LIVE,
                    "no weight listed by " + w.mastership().view().localNode());
        }
    }

    private static boolean aclEntry(EmulatedSwitch sw) {
        return sw.table().flows().stream()
                .anyMatch(
                        r ->
                                Cookies.appId(r.cookie()) == Cookies.POLICY_APP
                                        && Integer.valueOf(5201).equals(r.match().tcpDst()));
    }

    @Test
    void anAclRuleAddedOnOneInstanceIsEnforcedByEveryMasterAndRemovedThroughAnother()
            throws Exception {
        Weft writer = bed.wefts.get(0);
        HttpResponse<String> added =
                ClusterBed.http(
                        port(writer),
                        "POST",
                        "/api/v1/acls",
                        "{\"id\":\"no-iperf\",\"action\":\"deny\",\"ipv4Dst\":\"10.0.0.2/32\","
                                + "\"ipProto\":\"tcp\",\"tcpDst\":5201}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        // Three switches, three masters: each installs the rule on its own switch.
        for (EmulatedSwitch sw : fabric.switches()) {
            WeftTestBed.waitUntil(
                    () -> aclEntry(sw), LIVE, "the ACL entry on " + sw.dpid() + " by its master");
        }
        for (Weft w : bed.wefts) {
            WeftTestBed.waitUntil(
                    () -> ClusterBed.get(port(w), "/api/v1/acls").contains("\"no-iperf\""),
                    LIVE,
                    "the rule listed by " + w.mastership().view().localNode());
        }

        HttpResponse<String> removed =
                ClusterBed.http(port(bed.wefts.get(2)), "DELETE", "/api/v1/acls/no-iperf", null);
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(204);
        for (EmulatedSwitch sw : fabric.switches()) {
            WeftTestBed.waitUntil(
                    () -> !aclEntry(sw), LIVE, "the ACL entry gone from " + sw.dpid());
        }
        assertThat(ClusterBed.get(port(writer), "/api/v1/acls")).isEqualTo("[]");
    }

    @Test
    void aSteeringRuleAddedOnOneInstanceIsKeptByEveryInstanceAndRemovedThroughAnother()
            throws Exception {
        HttpResponse<String> added =
                ClusterBed.http(
                        port(bed.wefts.get(0)),
                        "POST",
                        "/api/v1/steering",
                        "{\"ipv4Dst\":\"10.0.0.2\",\"path\":[\"" + Dpid.of(2) + "\"]}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        String id = added.body().replaceAll(".*\"id\":\"(\\d+)\".*", "$1");
        for (Weft w : bed.wefts) {
            WeftTestBed.waitUntil(
                    () ->
                            ClusterBed.get(port(w), "/api/v1/steering")
                                    .contains("\"id\":\"" + id + "\""),
                    LIVE,
                    "steering rule " + id + " kept by " + w.mastership().view().localNode());
        }
        HttpResponse<String> removed =
                ClusterBed.http(port(bed.wefts.get(2)), "DELETE", "/api/v1/steering/" + id, null);
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(204);
        for (Weft w : bed.wefts) {
            WeftTestBed.waitUntil(
                    () -> ClusterBed.get(port(w), "/api/v1/steering").equals("[]"),
                    LIVE,
                    "steering rule " + id + " gone from " + w.mastership().view().localNode());
        }
    }

    @Test
    void aRateLimitIsKeptByEveryInstanceAndRemovedThroughANonMasterByTheMaster() throws Exception {
        EmulatedSwitch s1 = fabric.get(1);
        Weft master = masterOf(s1.dpid());
        // Every instance knows the fabric's links first: the host's ARP is flooded, and an instance
        // that does not know a link yet would learn the host on the far switch's fabric port.
        for (Weft w : bed.wefts) {
            WeftTestBed.waitUntil(
                    () -> w.core().linkService().getLinkCount() == 4,
                    Duration.ofSeconds(15),
                    "the 4 links known to " + w.mastership().view().localNode());
        }
        s1.sendPacketIn(
                PortNumber.of(3),
                HostTrackingIT.arp(MacAddress.parse("0a:00:00:00:00:01"), "10.0.0.1", "10.0.0.2"));
        WeftTestBed.waitUntil(
                () -> ClusterBed.get(port(master), "/api/v1/hosts").contains("10.0.0.1"),
                LIVE,
                "h1 learned by the master of s1");
        HttpResponse<String> added =
                ClusterBed.http(
                        port(master),
                        "POST",
                        "/api/v1/rate-limits",
                        "{\"id\":\"h1-10m\",\"hostIp\":\"10.0.0.1\",\"rateKbps\":10000}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        WeftTestBed.waitUntil(() -> s1.meters().size() == 1, LIVE, "the meter on s1");
        for (Weft w : bed.wefts) {
            WeftTestBed.waitUntil(
                    () -> ClusterBed.get(port(w), "/api/v1/rate-limits").contains("\"h1-10m\""),
                    LIVE,
                    "the limit kept by " + w.mastership().view().localNode());
        }

        Weft other = bed.wefts.stream().filter(w -> w != master).findFirst().orElseThrow();
        HttpResponse<String> removed =
                ClusterBed.http(port(other), "DELETE", "/api/v1/rate-limits/h1-10m", null);
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(204);
        WeftTestBed.waitUntil(
                () -> s1.meters().isEmpty(), LIVE, "the meter released by the master of s1");
        for (Weft w : bed.wefts) {
            WeftTestBed.waitUntil(
                    () -> ClusterBed.get(port(w), "/api/v1/rate-limits").equals("[]"),
                    LIVE,
                    "no limit on " + w.mastership().view().localNode());
        }
    }

    private Weft masterOf(Dpid dpid) {
        return bed.wefts.stream()
                .filter(w -> w.mastership().isMaster(dpid))
                .findFirst()
                .orElseThrow();
    }
}
