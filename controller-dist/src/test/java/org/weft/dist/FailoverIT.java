package org.weft.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.weft.failover.FailoverConfig;
import org.weft.net.ConnectPoint;
import org.weft.net.PortNumber;
import org.weft.net.device.DeviceEvent;
import org.weft.net.failover.FailoverEvent;
import org.weft.net.failover.FailoverStats;
import org.weft.net.flow.Cookies;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.Group;
import org.weft.net.link.LinkEvent;
import org.weft.openflow.emulator.EmulatedFabric;
import org.weft.openflow.emulator.EmulatedSwitch;
import org.weft.openflow.emulator.FabricBuilder;
import org.weft.openflow.emulator.ReceivedMessage;
import org.weft.routing.RoutingApp;
import org.weft.routing.RoutingPlan;

/** Restoration after cuts and flaps, end to end over an emulated fabric. */
class FailoverIT {

    private static final long HOLD_DOWN_MS = 300;

    private static WeftConfig config() {
        WeftConfig c = WeftTestBed.config(200);
        c.routing.recoveryHoldDownMs = HOLD_DOWN_MS;
        return c;
    }

    /** The switches hold exactly what the routing app intends (nothing stale, nothing missing). */
    static boolean converged(WeftTestBed bed) {
        RoutingApp routing = bed.weft.routing();
        if (!routing.isIdle()) {
            return false;
        }
        RoutingPlan intended = routing.intended();
        for (EmulatedSwitch sw : bed.fabric.switches()) {
            Set<FlowRule> actual = new HashSet<>();
            sw.table().flows().stream()
                    .filter(r -> Cookies.appId(r.cookie()) == Cookies.ROUTING_APP)
                    .forEach(actual::add);
            if (!actual.equals(new HashSet<>(intended.flows().get(sw.dpid())))
                    || !new HashSet<>(sw.table().groups())
                            .equals(new HashSet<>(intended.groups().get(sw.dpid())))) {
                return false;
            }
        }
        return true;
    }

    static void awaitConverged(WeftTestBed bed) throws InterruptedException {
        WeftTestBed.waitUntil(
                () -> converged(bed), Duration.ofSeconds(15), "switch tables equal to intent");
    }

    static Set<PortNumber> outputs(List<FlowAction> actions) {
        Set<PortNumber> out = new HashSet<>();
        actions.stream()
                .filter(a -> a instanceof FlowAction.Output)
                .forEach(a -> out.add(((FlowAction.Output) a).port()));
        return out;
    }

    /** No flow and no group bucket (backups included) outputs into a port of the cut cable. */
    static void assertNothingPointsInto(EmulatedFabric fabric, EmulatedFabric.Cable cable) {
        for (ConnectPoint end : List.of(cable.a(), cable.b())) {
            EmulatedSwitch sw = fabric.get(end.dpid());
            for (FlowRule r : sw.table().flows()) {
                assertThat(outputs(r.actions()))
                        .as("%s on %s", r, sw.dpid())
                        .doesNotContain(end.port());
            }
            for (Group g : sw.table().groups()) {
                for (Group.Bucket b : g.buckets()) {
                    assertThat(outputs(b.actions()))
                            .as("group %s on %s", g.groupId(), sw.dpid())
                            .doesNotContain(end.port());
                }
            }
        }
    }

    /**
     * Make before break on the wire: in every barrier-delimited batch a switch received, every
     * added rule comes before every removed one, and groups are removed only in a batch of their
     * own, sent after the rules that stopped using them were confirmed.
     */
    static void assertMakeBeforeBreak(EmulatedFabric fabric) {
        for (EmulatedSwitch sw : fabric.switches()) {
            boolean deleted = false;
            boolean flowsInBatch = false;
            boolean groupDeleteInBatch = false;
            for (ReceivedMessage m : sw.history()) {
                if (m.kind() == ReceivedMessage.Kind.BARRIER_REQUEST) {
                    assertThat(flowsInBatch && groupDeleteInBatch)
                            .as(
                                    "switch %s removed a group in the batch that re-pointed rules",
                                    sw.dpid())
                            .isFalse();
                    deleted = false;
                    flowsInBatch = false;
                    groupDeleteInBatch = false;
                } else if (m.kind() == ReceivedMessage.Kind.FLOW_MOD) {
                    flowsInBatch = true;
                    if (m.command() == ReceivedMessage.Command.DELETE_STRICT) {
                        deleted = true;
                    } else if (m.command() == ReceivedMessage.Command.ADD) {
                        assertThat(deleted)
                                .as(
                                        "switch %s added a rule after removing one in a batch",
                                        sw.dpid())
                                .isFalse();
                    }
                } else if (m.kind() == ReceivedMessage.Kind.GROUP_MOD
                        && m.command() == ReceivedMessage.Command.DELETE) {
                    groupDeleteInBatch = true;
                }
            }
        }
    }

    /** The cable that the route from a to b leaves a's switch on. */
    static EmulatedFabric.Cable firstHop(
            WeftTestBed bed, RoutingIT.TestHost a, RoutingIT.TestHost b) {
        EmulatedSwitch sw = bed.fabric.get(a.at().dpid());
        FlowRule toB =
                sw.table().flows().stream()
                        .filter(
                                r ->
                                        b.mac().equals(r.match().ethDst())
                                                && r.match().inPort() == null)
                        .findFirst()
                        .orElseThrow();
        FlowAction first = toB.actions().get(0);
        PortNumber port =
                first instanceof FlowAction.Output o
                        ? o.port()
                        : ((FlowAction.Output)
                                        sw.table()
                                                .group(((FlowAction.ToGroup) first).groupId())
                                                .orElseThrow()
                                                .buckets()
                                                .get(0)
                                                .actions()
                                                .get(0))
                                .port();
        return bed.fabric.cableAt(ConnectPoint.of(sw.dpid(), port)).orElseThrow();
    }

    @Test
    void cutOnTheActivePathOfARingReroutesMakeBeforeBreak() throws Exception {
        try (WeftTestBed bed = new WeftTestBed(FabricBuilder.ring(6).record(true), config())) {
            RoutingIT.awaitLinks(bed, 12);
            List<RoutingIT.TestHost> hosts = RoutingIT.hostsOnFreePorts(bed.fabric);
            RoutingIT.announce(bed, hosts);
            awaitConverged(bed);
            EmulatedFabric.Cable cable = firstHop(bed, hosts.get(0), hosts.get(1));
            bed.fabric.switches().forEach(EmulatedSwitch::clearHistory);

            bed.fabric.cut(cable);

            WeftTestBed.waitUntil(
                    () -> bed.weft.failover().stats().reroutes() >= 1,
                    Duration.ofSeconds(5),
                    "a failover event");
            awaitConverged(bed);
            assertNothingPointsInto(bed.fabric, cable);
            assertMakeBeforeBreak(bed.fabric);
            FailoverEvent e =
                    bed.weft.failover().recentEvents().stream()
                            .filter(x -> x.type() == FailoverEvent.Type.REROUTED)
                            .findFirst()
                            .orElseThrow();
            assertThat(e.subject().destinations()).isPositive();
            assertThat(e.subject().flowChanges()).isPositive();
            RoutingIT.assertAllPairsReach(bed, hosts);
        }
    }

    @Test
    void cutOnTheActivePathOfAFatTreeReroutes() throws Exception {
        try (WeftTestBed bed = new WeftTestBed(FabricBuilder.fatTree(4).record(true), config())) {
            RoutingIT.awaitLinks(bed, 64);
            List<RoutingIT.TestHost> hosts =
                    RoutingIT.hostsOnFreePorts(bed.fabric).stream()
                            .filter(h -> h.at().dpid().value() >= FabricBuilder.EDGE_BASE)
                            .toList();
            RoutingIT.announce(bed, hosts);
            awaitConverged(bed);
            EmulatedFabric.Cable cable = firstHop(bed, hosts.get(0), hosts.get(hosts.size() - 1));
            bed.fabric.switches().forEach(EmulatedSwitch::clearHistory);

            bed.fabric.cut(cable);

            WeftTestBed.waitUntil(
                    () -> bed.weft.failover().stats().reroutes() >= 1,
                    Duration.ofSeconds(5),
                    "a failover event");
            awaitConverged(bed);
            assertNothingPointsInto(bed.fabric, cable);
            assertMakeBeforeBreak(bed.fabric);
            RoutingIT.assertAllPairsReach(bed, hosts);
        }
    }

    /** What the controller saw of a flapping cable: port transitions and link losses/returns. */
    static final class FlapWatch {
        final AtomicInteger portsDown = new AtomicInteger();
        final AtomicInteger portsUp = new AtomicInteger();
        final AtomicInteger linksRemoved = new AtomicInteger();
        final AtomicInteger linksAdded = new AtomicInteger();

        FlapWatch(WeftTestBed bed, EmulatedFabric.Cable cable) {
            ConnectPoint end = cable.a();
            bed.weft
                    .openflow()
                    .deviceService()
                    .addListener(
                            e -> {
                                if (e.type() == DeviceEvent.Type.PORT_UPDATED
                                        && e.subject().dpid().equals(end.dpid())
                                        && e.port().isPresent()
                                        && e.port().get().number().equals(end.port())) {
                                    (e.port().get().isLive() ? portsUp : portsDown)
                                            .incrementAndGet();
                                }
                            });
            bed.core()
                    .linkService()
                    .addListener(
                            e -> {
                                if (e.subject().src().equals(end)) {
                                    if (e.type() == LinkEvent.Type.REMOVED) {
                                        linksRemoved.incrementAndGet();
                                    } else if (e.type() == LinkEvent.Type.ADDED) {
                                        linksAdded.incrementAndGet();
                                    }
                                }
                            });
        }
    }

    @Test
    void aLinkFlappingTwentyTimesEndsInTheOptimalStateWithNothingStale() throws Exception {
        int flaps = 20;
        try (WeftTestBed bed = new WeftTestBed(FabricBuilder.ring(5), config())) {
            RoutingIT.awaitLinks(bed, 10);
            List<RoutingIT.TestHost> hosts = RoutingIT.hostsOnFreePorts(bed.fabric);
            RoutingIT.announce(bed, hosts);
            awaitConverged(bed);
            RoutingPlan before = bed.weft.routing().intended();
            EmulatedFabric.Cable cable = firstHop(bed, hosts.get(0), hosts.get(1));
            // The links found at start are re-optimised onto after their own hold-down: let that
            // run end first, so it is not counted as (or merged into) the flapping's.
            WeftTestBed.waitUntil(
                    () -> bed.weft.failover().stats().recoveries() >= 1,
                    Duration.ofSeconds(5),
                    "the start's re-optimisation");
            FlapWatch seen = new FlapWatch(bed, cable);
            FailoverStats statsBefore = bed.weft.failover().stats();

            long flapStart = System.nanoTime();
            for (int i = 0; i < flaps; i++) {
                bed.fabric.cut(cable);
                Thread.sleep(15); // paces the stimulus; nothing waits on it
                bed.fabric.restore(cable);
                Thread.sleep(15);
            }
            long flapMillis = (System.nanoTime() - flapStart) / 1_000_000;

            // The stimulus reached the controller: every cut and every repair as a port change,
            // the link lost (and restored around) and found again.
            WeftTestBed.waitUntil(
                    () -> seen.portsDown.get() == flaps && seen.portsUp.get() == flaps,
                    Duration.ofSeconds(5),
                    "every flap seen as the port going down and up");
            RoutingIT.awaitLinks(bed, 10);
            assertThat(seen.linksRemoved.get()).as("link losses seen").isPositive();
            assertThat(seen.linksAdded.get()).as("link returns seen").isPositive();
            WeftTestBed.waitUntil(
                    () -> bed.weft.failover().stats().recoveries() > statsBefore.recoveries(),
                    Duration.ofSeconds(10),
                    "re-optimised after the hold-down");
            awaitConverged(bed);
            FailoverStats after = bed.weft.failover().stats();
            assertThat(after.reroutes() - statsBefore.reroutes())
                    .as("restorations while flapping")
                    .isPositive();
            // The hold-down (300 ms, restarted by every return) outlasts each 30 ms flap: the
            // link's many returns end in one re-optimisation, or one more per MAX_HOLD_DOWNS
            // hold-downs if a loaded machine stretched the flapping past that bound.
            long bound = FailoverConfig.MAX_HOLD_DOWNS * HOLD_DOWN_MS;
            assertThat(after.recoveries() - statsBefore.recoveries())
                    .as(
                            "re-optimisations for %d link returns over %d ms",
                            seen.linksAdded.get(), flapMillis)
                    .isBetween(1L, 1 + flapMillis / bound);
            // Back on the original cable: the optimal routes are the ones from before the flapping.
            assertThat(new HashSet<>(bed.weft.routing().intended().flows().values()))
                    .isEqualTo(new HashSet<>(before.flows().values()));
            RoutingIT.assertAllPairsReach(bed, hosts);
        }
    }
}
