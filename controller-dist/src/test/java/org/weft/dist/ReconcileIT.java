package org.weft.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.weft.dist.RoutingIT.TestHost;
import org.weft.net.flow.Cookies;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.Group;
import org.weft.net.reconcile.PassReport;
import org.weft.net.reconcile.SwitchEntries;
import org.weft.net.reconcile.SyncState;
import org.weft.openflow.emulator.EmulatedSwitch;
import org.weft.openflow.emulator.FabricBuilder;
import org.weft.openflow.emulator.FlowModError;

/**
 * The reconciler end to end over emulated switches: rejected batches, entries changed behind Weft's
 * back and a switch that never confirms anything.
 */
class ReconcileIT {

    private static WeftConfig config(double intervalS, long requestTimeoutMs) {
        WeftConfig c = WeftTestBed.config(200);
        c.reconcile.intervalS = intervalS;
        c.openflow.requestTimeoutMs = requestTimeoutMs;
        return c;
    }

    /** The switch's entries in the apps' cookie spaces, and its groups. */
    private static SwitchEntries held(WeftTestBed bed, EmulatedSwitch sw) {
        Set<Integer> owned = bed.weft.reconciler().ownedApps();
        return new SwitchEntries(
                sw.table().flows().stream()
                        .filter(r -> owned.contains(Cookies.appId(r.cookie())))
                        .toList(),
                sw.table().groups());
    }

    private static boolean converged(WeftTestBed bed, EmulatedSwitch sw) {
        SwitchEntries want = bed.weft.reconciler().intended(sw.dpid());
        SwitchEntries have = held(bed, sw);
        return new HashSet<>(want.flows()).equals(new HashSet<>(have.flows()))
                && new HashSet<>(want.groups()).equals(new HashSet<>(have.groups()));
    }

    private static void awaitRoutingIdle(WeftTestBed bed) throws InterruptedException {
        WeftTestBed.waitUntil(
                () -> bed.weft.routing().isIdle(), Duration.ofSeconds(20), "routing idle");
    }

    @Test
    void aSwitchRejectingEveryThirdBatchConvergesOnThePassAfterItAccepts() throws Exception {
        try (WeftTestBed bed = new WeftTestBed(FabricBuilder.linear(3), config(3600, 3_000))) {
            RoutingIT.awaitLinks(bed, 4);
            EmulatedSwitch middle = bed.fabric.get(2);
            middle.rejectEveryNthBatch(3, FlowModError.TABLE_FULL);
            // Two hosts behind each edge port, announced one at a time: every new destination is
            // at least one batch of its own on the middle switch.
            List<TestHost> hosts = new java.util.ArrayList<>();
            for (var at : RoutingIT.edgePorts(bed.fabric)) {
                hosts.add(new TestHost(hosts.size() + 1, at));
                hosts.add(new TestHost(hosts.size() + 1, at));
            }
            for (TestHost h : hosts) {
                bed.fabric.injectFromHost(h.at(), RoutingIT.arpRequest(h, hosts.get(0)));
                int n = hosts.indexOf(h) + 1;
                WeftTestBed.waitUntil(
                        () -> bed.core().hostService().getHostCount() == n,
                        Duration.ofSeconds(10),
                        n + " hosts learned");
                awaitRoutingIdle(bed);
            }
            WeftTestBed.waitUntil(
                    () ->
                            bed.weft
                                    .openflow()
                                    .flowRuleCounters()
                                    .flowModFailures()
                                    .getOrDefault(middle.dpid(), java.util.Map.of())
                                    .containsKey("FLOW_MOD_FAILED/TABLE_FULL"),
                    Duration.ofSeconds(10),
                    "the middle switch rejected a batch");

            middle.rejectEveryNthBatch(0, null);
            PassReport pass =
                    bed.weft.reconciler().reconcile(middle.dpid()).get(10, TimeUnit.SECONDS);
            awaitRoutingIdle(bed);

            assertThat(pass.failed()).isZero();
            assertThat(pass.state()).isEqualTo(SyncState.IN_SYNC);
            assertThat(converged(bed, middle))
                    .as(
                            "held %s, intended %s",
                            held(bed, middle), bed.weft.reconciler().intended(middle.dpid()))
                    .isTrue();
            assertThat(bed.weft.reconciler().divergedSwitches()).doesNotContain(middle.dpid());
            RoutingIT.assertAllPairsReach(
                    bed, hosts.stream().filter(h -> h.index() % 2 == 1).toList());
        }
    }

    @Test
    void entriesDeletedOrAlteredBehindWeftsBackAreRepairedWithinTheInterval() throws Exception {
        double intervalS = 1.5;
        try (WeftTestBed bed =
                new WeftTestBed(FabricBuilder.fatTree(4), config(intervalS, 3_000))) {
            RoutingIT.awaitLinks(bed, 64);
            List<TestHost> hosts = RoutingIT.hostsOnFreePorts(bed.fabric).subList(0, 4);
            RoutingIT.announce(bed, hosts);
            awaitRoutingIdle(bed);
            EmulatedSwitch wiped = bed.fabric.get(hosts.get(0).at().dpid());
            EmulatedSwitch altered = bed.fabric.get(hosts.get(3).at().dpid());
            WeftTestBed.waitUntil(
                    () -> converged(bed, wiped) && converged(bed, altered),
                    Duration.ofSeconds(10),
                    "both switches hold the intent");
            int groupsBefore = wiped.table().groups().size();
            assertThat(groupsBefore).as("routes use groups here").isPositive();

            // As `ovs-ofctl del-flows` and `del-groups` would; and one route sent elsewhere.
            wiped.table().removeMatching(r -> true);
            wiped.table().groups().forEach(g -> wiped.table().removeGroup(g.groupId()));
            FlowRule victim =
                    altered.table().flows().stream()
                            .filter(r -> Cookies.appId(r.cookie()) == Cookies.ROUTING_APP)
                            .findFirst()
                            .orElseThrow();
            altered.table().add(withActions(victim, FlowAction.output(999)));
            Group g = altered.table().groups().get(0);
            altered.table()
                    .putGroup(
                            new Group(
                                    g.dpid(), g.groupId(), g.type(), List.of(g.buckets().get(0))));
            long start = System.nanoTime();

            WeftTestBed.waitUntil(
                    () -> converged(bed, wiped) && converged(bed, altered),
                    Duration.ofMillis((long) (intervalS * 1000) + 1_500),
                    "repaired within the reconcile interval");
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(tookMs).isLessThanOrEqualTo((long) (intervalS * 1000) + 1_500);
            assertThat(wiped.table().groups()).hasSize(groupsBefore);
            assertThat(bed.weft.reconciler().stats().repairs()).isPositive();
            RoutingIT.assertAllPairsReach(bed, hosts);
        }
    }

    @Test
    void aSwitchThatNeverConfirmsDoesNotHoldUpWritesToOthers() throws Exception {
        try (WeftTestBed bed = new WeftTestBed(FabricBuilder.linear(3), config(3600, 3_000))) {
            RoutingIT.awaitLinks(bed, 4);
            List<TestHost> hosts = List.of(hostOn(bed, 1, 1), hostOn(bed, 2, 2), hostOn(bed, 3, 3));
            RoutingIT.announce(bed, hosts.subList(0, 2));
            awaitRoutingIdle(bed);
            EmulatedSwitch silent = bed.fabric.get(1);
            EmulatedSwitch other = bed.fabric.get(2);
            silent.setBarrierSilent(true);
            long start = System.nanoTime();

            // A new host behind switch 3: its egress (3) confirms, then 1 and 2 get the route
            // (a route whose egress switch is the silent one waits for it, by design: the
            // egress confirms before any switch sends traffic its way).
            TestHost late = hosts.get(2);
            bed.fabric.injectFromHost(late.at(), RoutingIT.arpRequest(late, hosts.get(1)));
            WeftTestBed.waitUntil(
                    () -> bed.core().hostService().getHostCount() == 3,
                    Duration.ofSeconds(2),
                    "the new host learned");
            WeftTestBed.waitUntil(
                    () -> routesTo(bed.fabric.get(3), late),
                    Duration.ofSeconds(2),
                    "the new host's egress switch routes to it");
            WeftTestBed.waitUntil(
                    () -> routesTo(other, late),
                    Duration.ofSeconds(2),
                    "switch 2 routes to the new host while switch 1 confirms nothing");
            assertThat((System.nanoTime() - start) / 1_000_000)
                    .as("well inside the 3 s request timeout the silent switch costs")
                    .isLessThan(2_000);

            WeftTestBed.waitUntil(
                    () -> bed.weft.reconciler().state(silent.dpid()) == SyncState.DIVERGED,
                    Duration.ofSeconds(10),
                    "the silent switch is diverged after its timeout");
            assertThat(bed.weft.openflow().flowRuleCounters().flowModFailures().get(silent.dpid()))
                    .containsKey("TIMEOUT");

            silent.setBarrierSilent(false);
            WeftTestBed.waitUntil(
                    () ->
                            bed.weft.reconciler().state(silent.dpid()) == SyncState.IN_SYNC
                                    && converged(bed, silent),
                    Duration.ofSeconds(40),
                    "the switch converged once it answers again");
        }
    }

    /** Host number {@code index} on the first port of switch {@code dpid} without a cable. */
    private static TestHost hostOn(WeftTestBed bed, long dpid, int index) {
        return RoutingIT.edgePorts(bed.fabric).stream()
                .filter(cp -> cp.dpid().value() == dpid)
                .findFirst()
                .map(cp -> new TestHost(index, cp))
                .orElseThrow();
    }

    private static boolean routesTo(EmulatedSwitch sw, TestHost h) {
        return sw.table().flows().stream()
                .anyMatch(
                        r ->
                                Cookies.appId(r.cookie()) == Cookies.ROUTING_APP
                                        && h.mac().equals(r.match().ethDst()));
    }

    private static FlowRule withActions(FlowRule r, FlowAction a) {
        return FlowRule.builder(r.dpid())
                .table(r.tableId())
                .priority(r.priority())
                .match(r.match())
                .actions(a)
                .idleTimeout(r.idleTimeout())
                .hardTimeout(r.hardTimeout())
                .cookie(r.cookie())
                .build();
    }
}
