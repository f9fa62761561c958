package org.weft.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.IpAddress;
import org.weft.net.MacAddress;
import org.weft.net.host.Host;
import org.weft.net.host.HostEvent;
import org.weft.net.host.HostId;
import org.weft.net.host.HostListener;
import org.weft.net.host.HostService;
import org.weft.net.routing.RoutingMetric;
import org.weft.net.testing.FakeDeviceService;
import org.weft.net.testing.FakePacketService;
import org.weft.net.testing.FakeSwitchTables;
import org.weft.net.topology.TopologyFixtures;

/**
 * Hosts learned in a burst are routed together: each switch gets one change for all of them (not
 * one per host), and a host's events in the burst count by the latest.
 */
class HostBurstRoutingTest {

    /** Hosts the test adds and removes, telling the app's listener. */
    private static final class Hosts implements HostService {
        final Map<HostId, Host> hosts = new ConcurrentHashMap<>();
        final List<HostListener> listeners = new ArrayList<>();

        void add(Host h) {
            hosts.put(h.id(), h);
            listeners.forEach(l -> l.event(new HostEvent(HostEvent.Type.ADDED, h)));
        }

        void remove(Host h) {
            hosts.remove(h.id());
            listeners.forEach(l -> l.event(new HostEvent(HostEvent.Type.REMOVED, h)));
        }

        @Override
        public Collection<Host> getHosts() {
            return List.copyOf(hosts.values());
        }

        @Override
        public Optional<Host> getHost(HostId id) {
            return Optional.ofNullable(hosts.get(id));
        }

        @Override
        public Set<Host> getHostsByMac(MacAddress mac) {
            return Set.of();
        }

        @Override
        public Set<Host> getHostsByIp(IpAddress ip) {
            return Set.of();
        }

        @Override
        public Set<Host> getConnectedHosts(ConnectPoint point) {
            return Set.of();
        }

        @Override
        public void addListener(HostListener listener) {
            listeners.add(listener);
        }

        @Override
        public void removeListener(HostListener listener) {
            listeners.remove(listener);
        }
    }

    private final Hosts hosts = new Hosts();
    private final FakeSwitchTables tables = new FakeSwitchTables();
    private RoutingApp app;

    @AfterEach
    void tearDown() {
        if (app != null) {
            app.close();
        }
    }

    private static Host host(int i) {
        // On switch 1, past the ports of its cable to switch 2.
        return new Host(
                HostId.of(MacAddress.of(0x0a0000000000L + i), HostId.NO_VLAN),
                Set.of(),
                ConnectPoint.of(1, 10 + i),
                0,
                0);
    }

    /** Runs everything the routing thread has queued so far, and what that queues. */
    private void settle() throws Exception {
        for (int i = 0; i < 3; i++) {
            CountDownLatch ran = new CountDownLatch(1);
            app.submit(ran::countDown);
            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!app.programmer().isIdle() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(app.programmer().isIdle()).isTrue();
    }

    @Test
    void aBurstOfHostsGivesEachSwitchOneChangeAndTheLatestEventOfAHostCounts() throws Exception {
        FakeDeviceService devices = new FakeDeviceService();
        for (long s = 1; s <= 3; s++) {
            devices.connect(s, 40);
            tables.connect(Dpid.of(s));
        }
        app =
                new RoutingApp(
                                devices,
                                new OneSnapshot(TopologyFixtures.linear(3)),
                                hosts,
                                new FakePacketService(),
                                tables,
                                tables,
                                tables,
                                new RoutingConfig(
                                        RoutingMetric.HOP_COUNT,
                                        new ParkedFrameLimits(
                                                50, 20, 1024 * 1024, Duration.ofMinutes(10))))
                        .start();
        settle();
        long before = app.programmer().changesIssued();

        // The routing thread is busy while the burst arrives.
        CountDownLatch busy = new CountDownLatch(1);
        app.submit(
                () -> {
                    try {
                        busy.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
        for (int i = 1; i <= 20; i++) {
            hosts.add(host(i));
        }
        hosts.remove(host(20)); // gone again before routing saw it
        busy.countDown();
        settle();

        assertThat(app.programmer().changesIssued() - before)
                .as("the egress switch, then each of the other two, once for all 19 hosts")
                .isEqualTo(3);
        for (int i = 1; i <= 19; i++) {
            PlanKey key = PlanKey.of(host(i).id());
            assertThat(app.programmer().installed(key).switches())
                    .containsExactlyInAnyOrder(Dpid.of(1), Dpid.of(2), Dpid.of(3));
        }
        assertThat(app.programmer().intended(PlanKey.of(host(20).id())))
                .isEqualTo(RoutingPlan.empty());
    }
}
