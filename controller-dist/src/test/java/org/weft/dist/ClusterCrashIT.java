package org.weft.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.Dpid;
import org.weft.net.cluster.ClusterNode;
import org.weft.net.flow.FlowRule;
import org.weft.net.reconcile.SyncState;
import org.weft.openflow.emulator.EmulatedFabric;
import org.weft.openflow.emulator.EmulatedSwitch;
import org.weft.openflow.emulator.FabricBuilder;
import org.weft.openflow.emulator.ReceivedMessage;

/**
 * A crash: one of three Weft instances runs in a JVM of its own and is killed with SIGKILL, so its
 * ZooKeeper session is not closed but expires. Its switches get new masters within {@code
 * sessionTimeoutMs} + 1 s with higher generation ids, and the new masters leave what matches intent
 * on the switches (the static flows the dead instance installed are never deleted nor added again).
 * Restarted, it rejoins and takes a balanced share, again without a wipe.
 */
class ClusterCrashIT {

    private static final Logger log = LoggerFactory.getLogger(ClusterCrashIT.class);
    private static final int SWITCHES = 6;

    private ClusterBed bed;
    private WeftProcess crashing;
    private EmulatedFabric fabric;
    private Weft a;
    private Weft b;

    @BeforeEach
    void setUp() throws Exception {
        bed = new ClusterBed();
        a = bed.start("a");
        b = bed.start("b");
        crashing = new WeftProcess(bed, "c");
        crashing.start(Duration.ofSeconds(60));
        fabric =
                bed.connect(
                        FabricBuilder.linear(SWITCHES),
                        List.of(
                                a.openflowPorts().get(0),
                                b.openflowPorts().get(0),
                                crashing.openflowPort));
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            crashing.close();
        } finally {
            bed.close();
        }
    }

    /**
     * Every instance alive in a's view masters {@code each} switches, the switches agree, and so do
     * a's and b's own roles (they follow the shared view through each instance's role events, a
     * moment later).
     */
    private boolean spread(int each, int instances) {
        List<ClusterNode> alive =
                a.mastership().view().nodes().stream().filter(ClusterNode::alive).toList();
        return alive.size() == instances
                && alive.stream().allMatch(n -> n.switchesMastered() == each)
                && bed.switchesKnowTheirMasters(a)
                && bed.switchesKnowTheirMasters(b)
                && mastered(a) == each
                && mastered(b) == each;
    }

    private long mastered(Weft w) {
        return fabric.switches().stream().filter(sw -> w.mastership().isMaster(sw.dpid())).count();
    }

    private List<EmulatedSwitch> masteredByTheProcess() {
        return fabric.switches().stream()
                .filter(sw -> !a.mastership().isMaster(sw.dpid()))
                .filter(sw -> !b.mastership().isMaster(sw.dpid()))
                .toList();
    }

    private static boolean deletes(EmulatedSwitch sw) {
        return sw.history().stream()
                .anyMatch(
                        m ->
                                m.kind() == ReceivedMessage.Kind.FLOW_MOD
                                        && (m.command() == ReceivedMessage.Command.DELETE
                                                || m.command()
                                                        == ReceivedMessage.Command.DELETE_STRICT));
    }

    private Weft inProcessMaster(Dpid d) {
        return a.mastership().isMaster(d) ? a : b.mastership().isMaster(d) ? b : null;
    }

    @Test
    void aKilledInstancesSwitchesAreReMasteredInTimeWithoutAWipeAndItRejoins() throws Exception {
        WeftTestBed.waitUntil(() -> spread(2, 3), Duration.ofSeconds(30), "two switches each");
        List<EmulatedSwitch> victims = masteredByTheProcess();
        assertThat(victims).hasSize(2);

        // Intent the killed instance installed: a static flow on each of its switches, written
        // through a (202: c masters them) and installed by c.
        Map<Dpid, FlowRule> installed = new HashMap<>();
        for (EmulatedSwitch sw : victims) {
            HttpResponse<String> posted =
                    ClusterBed.http(
                            a.rest().port(),
                            "POST",
                            "/api/v1/flows",
                            "{\"dpid\":\""
                                    + sw.dpid()
                                    + "\",\"priority\":300,\"match\":{\"ethSrc\":"
                                    + "\"0a:00:00:00:00:66\"},\"actions\":[]}");
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
            long cookie =
                    0x0010000000000000L
                            | Long.parseLong(
                                    posted.body().replaceAll(".*\"id\":\"(\\d+)\".*", "$1"));
            WeftTestBed.waitUntil(
                    () -> sw.table().flows().stream().anyMatch(r -> r.cookie() == cookie),
                    Duration.ofSeconds(5),
                    "static flow installed on " + sw.dpid() + " by c");
            installed.put(
                    sw.dpid(),
                    sw.table().flows().stream()
                            .filter(r -> r.cookie() == cookie)
                            .findFirst()
                            .orElseThrow());
        }
        Map<Dpid, Long> generations = new HashMap<>();
        for (EmulatedSwitch sw : victims) {
            generations.put(sw.dpid(), sw.maxGenerationId().orElseThrow());
        }
        fabric.switches().forEach(EmulatedSwitch::clearHistory);

        long killed = System.nanoTime();
        crashing.kill();
        WeftTestBed.waitUntil(
                () ->
                        victims.stream().allMatch(sw -> inProcessMaster(sw.dpid()) != null)
                                && spread(3, 2),
                Duration.ofSeconds(10),
                "the killed instance's switches re-mastered");
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
        log.info("Re-mastered {} ms after SIGKILL", tookMs);
        assertThat(tookMs)
                .as("re-mastering after a crash, ms")
                .isLessThanOrEqualTo(ClusterBed.SESSION_TIMEOUT_MS + 1_000L);
        for (EmulatedSwitch sw : victims) {
            Weft master = inProcessMaster(sw.dpid());
            assertThat(sw.maxGenerationId().orElseThrow())
                    .isGreaterThan(generations.get(sw.dpid()));
            WeftTestBed.waitUntil(
                    () -> master.reconciler().state(sw.dpid()) == SyncState.IN_SYNC,
                    Duration.ofSeconds(5),
                    "the new master's pass of " + sw.dpid());
        }
        assertNoWipe(installed);

        crashing.start(Duration.ofSeconds(60));
        for (EmulatedSwitch sw : fabric.switches()) {
            // A real switch reconnects to the controller it lost; the emulated one is told to.
            sw.connectAlso("127.0.0.1", crashing.openflowPort).get(5, TimeUnit.SECONDS);
        }
        WeftTestBed.waitUntil(
                () -> spread(2, 3), Duration.ofSeconds(30), "the restarted instance's share");
        List<EmulatedSwitch> regained = masteredByTheProcess();
        assertThat(regained).hasSize(2);
        WeftTestBed.waitUntil(
                () -> passes(crashing.restPort) >= regained.size(),
                Duration.ofSeconds(5),
                "the restarted instance's passes of the switches it regained");
        assertNoWipe(installed);
    }

    /** {@code weft_reconcile_passes_total} of an instance, from its Prometheus metrics. */
    private static double passes(int restPort) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile(
                                "(?m)^weft_reconcile_passes_total(?:\\{[^}]*})? (\\S+)$")
                        .matcher(ClusterBed.get(restPort, "/metrics"));
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** The static flows are the very entries c installed, and no entry was deleted since. */
    private void assertNoWipe(Map<Dpid, FlowRule> installed) {
        for (Map.Entry<Dpid, FlowRule> e : installed.entrySet()) {
            EmulatedSwitch sw = fabric.get(e.getKey());
            assertThat(
                            sw.table().flows().stream()
                                    .filter(r -> r.cookie() == e.getValue().cookie())
                                    .toList())
                    .as("static flow on %s: never added again", sw.dpid())
                    .singleElement()
                    .isSameAs(e.getValue());
        }
        for (EmulatedSwitch sw : fabric.switches()) {
            assertThat(deletes(sw)).as("a flow-mod DELETE received by %s", sw.dpid()).isFalse();
        }
    }
}
