package org.weft.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.MacAddress;
import org.weft.net.flow.BatchResult;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.flow.FlowRuleService;
import org.weft.net.flow.Group;
import org.weft.net.flow.GroupOperation;
import org.weft.net.flow.GroupService;
import org.weft.net.host.Host;
import org.weft.net.host.HostId;
import org.weft.net.packet.InboundPacket;
import org.weft.net.packet.parse.Ethernet;
import org.weft.net.routing.ParkedFrameCounts;
import org.weft.net.routing.RoutingMetric;
import org.weft.net.stats.FlowEntry;
import org.weft.net.stats.PortStatistics;
import org.weft.net.stats.StatsService;
import org.weft.net.testing.FakeDeviceService;
import org.weft.net.testing.FakePacketService;
import org.weft.net.topology.TopologyFixtures;

/**
 * A switch that never answers barriers: the routes toward its hosts are never confirmed, and the
 * packet-ins toward them must not pile up behind those routes.
 */
class ParkedFramesRoutingTest {

    private static final Dpid S1 = Dpid.of(1);
    private static final MacAddress SRC = MacAddress.of(0x0a0000000001L);
    private static final int DESTINATIONS = 5;

    /** Accepts every batch and never answers its barrier. */
    private static final class BarrierSilentSwitch
            implements FlowRuleService, GroupService, StatsService {
        @Override
        public CompletableFuture<BatchResult> apply(Dpid dpid, List<FlowRuleOperation> operations) {
            return new CompletableFuture<>();
        }

        @Override
        public CompletableFuture<BatchResult> applyGroups(
                Dpid dpid, List<GroupOperation> operations) {
            return new CompletableFuture<>();
        }

        @Override
        public CompletableFuture<List<FlowEntry>> getFlowEntries(Dpid dpid) {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public CompletableFuture<List<PortStatistics>> getPortStatistics(Dpid dpid) {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public CompletableFuture<List<Group>> getGroups(Dpid dpid) {
            return CompletableFuture.completedFuture(List.of());
        }
    }

    private RoutingApp app;

    @AfterEach
    void tearDown() {
        if (app != null) {
            app.close();
        }
    }

    private static MacAddress destination(int i) {
        return MacAddress.of(0x0a0000000100L + i);
    }

    @Test
    void packetInsTowardRoutesThatNeverSettleStayWithinTheBound() throws Exception {
        FakeDeviceService devices = new FakeDeviceService();
        devices.connect(1, DESTINATIONS + 1);
        List<Host> hosts = new ArrayList<>();
        for (int i = 1; i <= DESTINATIONS; i++) {
            hosts.add(
                    new Host(
                            HostId.of(destination(i), HostId.NO_VLAN),
                            Set.of(),
                            ConnectPoint.of(1, i + 1),
                            0,
                            0));
        }
        FakePacketService packets = new FakePacketService();
        BarrierSilentSwitch sw = new BarrierSilentSwitch();
        ParkedFrameLimits limits =
                new ParkedFrameLimits(50, 20, 1024 * 1024, Duration.ofMinutes(10));
        app =
                new RoutingApp(
                                devices,
                                new OneSnapshot(TopologyFixtures.builder().addSwitch(1).build()),
                                new FixedHosts(hosts),
                                packets,
                                sw,
                                sw,
                                sw,
                                new RoutingConfig(RoutingMetric.HOP_COUNT, limits))
                        .start();
        // Routes are planned on the app's thread, in order: once a task queued after start() ran,
        // so did the planning start() queued. Waits for that work, not for time to pass.
        CountDownLatch planned = new CountDownLatch(1);
        app.submit(planned::countDown);
        assertThat(planned.await(10, TimeUnit.SECONDS)).as("start's planning ran").isTrue();
        assertThat(plannedDestinations()).containsAll(destinations());

        int perDestination = 1_000;
        for (int n = 0; n < perDestination; n++) {
            for (int i = 1; i <= DESTINATIONS; i++) {
                byte[] frame =
                        Ethernet.build(
                                destination(i),
                                SRC,
                                Ethernet.NO_VLAN,
                                Ethernet.TYPE_IPV4,
                                new byte[20]);
                packets.receive(new InboundPacket(ConnectPoint.of(1, 1), frame, 0));
            }
        }

        ParkedFrameCounts counts = app.parkedFrames();
        assertThat(counts.parked()).isEqualTo(50);
        assertThat(counts.droppedOverflow()).isEqualTo(DESTINATIONS * perDestination - 50);
        assertThat(packets.emitted).as("nothing sent before its route is confirmed").isEmpty();
    }

    private static Set<MacAddress> destinations() {
        Set<MacAddress> all = new java.util.HashSet<>();
        for (int i = 1; i <= DESTINATIONS; i++) {
            all.add(destination(i));
        }
        return all;
    }

    /** The destinations the app holds rules for on the switch. */
    private Set<MacAddress> plannedDestinations() {
        return app.intended().flows().get(S1).stream()
                .map(r -> r.match().ethDst())
                .collect(Collectors.toSet());
    }
}
