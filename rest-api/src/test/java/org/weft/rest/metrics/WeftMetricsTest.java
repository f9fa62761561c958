package org.weft.rest.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.weft.net.ConnectPoint;
import org.weft.net.Ip4Address;
import org.weft.net.MacAddress;
import org.weft.net.host.impl.HostTableLimits;
import org.weft.net.host.impl.HostTracker;
import org.weft.net.link.impl.LinkManager;
import org.weft.net.packet.InboundPacket;
import org.weft.net.packet.parse.Arp;
import org.weft.net.packet.parse.Ethernet;
import org.weft.net.routing.PacketInAnswers;
import org.weft.net.routing.ParkedFrameCounts;
import org.weft.net.routing.RouteChangeListener;
import org.weft.net.routing.RoutingMetric;
import org.weft.net.routing.RoutingService;
import org.weft.net.testing.FakeDeviceService;
import org.weft.net.testing.FakePacketService;
import org.weft.net.topology.TopologyListener;
import org.weft.net.topology.TopologyService;
import org.weft.net.topology.TopologySnapshot;
import org.weft.time.VirtualTime;

class WeftMetricsTest {

    private final WeftMetrics metrics = new WeftMetrics();

    /** A routing service whose parked-frame counts the test sets. */
    private static final class FakeRouting implements RoutingService {
        final AtomicReference<ParkedFrameCounts> parked =
                new AtomicReference<>(ParkedFrameCounts.NONE);

        @Override
        public RoutingMetric metric() {
            return RoutingMetric.HOP_COUNT;
        }

        @Override
        public CompletableFuture<Void> setMetric(RoutingMetric metric) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public int routedHostCount() {
            return 0;
        }

        final AtomicReference<PacketInAnswers> answers =
                new AtomicReference<>(PacketInAnswers.NONE);

        @Override
        public ParkedFrameCounts parkedFrames() {
            return parked.get();
        }

        @Override
        public PacketInAnswers packetInAnswers() {
            return answers.get();
        }

        @Override
        public void addRouteChangeListener(RouteChangeListener listener) {}

        @Override
        public void removeRouteChangeListener(RouteChangeListener listener) {}
    }

    @Test
    void parkedFramesAreAGaugeAndDropsACounterByReason() {
        FakeRouting routing = new FakeRouting();
        metrics.watchRouting(routing);
        routing.parked.set(new ParkedFrameCounts(17, 5, 3, 2));

        String text = metrics.scrape();

        assertThat(text)
                .contains("weft_parked_frames 17.0")
                .contains("weft_parked_frames_dropped_total{reason=\"overflow\"} 5.0")
                .contains("weft_parked_frames_dropped_total{reason=\"expired\"} 3.0")
                .contains("weft_parked_frames_dropped_total{reason=\"failed\"} 2.0");
    }

    @Test
    void packetInAnswersAreACounterByHow() {
        FakeRouting routing = new FakeRouting();
        metrics.watchRouting(routing);
        routing.answers.set(new PacketInAnswers(7, 5, 2));

        assertThat(metrics.scrape())
                .contains("weft_routing_packet_in_answers_total{how=\"buffered_flow_mod\"} 7.0")
                .contains("weft_routing_packet_in_answers_total{how=\"flow_mod_packet_out\"} 5.0")
                .contains("weft_routing_packet_in_answers_total{how=\"packet_out\"} 2.0");
    }

    @Test
    void hostsRefusedByTheBoundedHostTableAreCounted() {
        VirtualTime time = new VirtualTime();
        FakeDeviceService devices = new FakeDeviceService();
        LinkManager links = new LinkManager(Runnable::run, time, Duration.ofSeconds(1));
        HostTracker hosts =
                new HostTracker(
                        devices,
                        links,
                        Runnable::run,
                        time,
                        Duration.ofMinutes(5),
                        new HostTableLimits(10, 1));
        FakePacketService packets = new FakePacketService();
        packets.addProcessor(hosts, HostTracker.PRIORITY);
        devices.connect(1, 2);
        metrics.watchNetwork(links, hosts);
        for (int n = 1; n <= 3; n++) {
            MacAddress mac = MacAddress.of(0x0a0000000000L + n);
            Arp arp =
                    new Arp(
                            Arp.REQUEST,
                            mac,
                            Ip4Address.parse("10.0.0." + n),
                            MacAddress.of(0),
                            Ip4Address.parse("10.0.0.254"));
            packets.receive(
                    new InboundPacket(
                            ConnectPoint.of(1, 1),
                            Ethernet.build(
                                    MacAddress.BROADCAST,
                                    mac,
                                    Ethernet.NO_VLAN,
                                    Ethernet.TYPE_ARP,
                                    arp.toBytes()),
                            time.nanos()));
        }

        assertThat(metrics.scrape())
                .contains("weft_hosts 1.0")
                .contains("weft_hosts_refused_total 2.0");
    }

    @Test
    void theTopologyWritersDroppedReasonsAreCounted() {
        TopologyService topology =
                new TopologyService() {
                    @Override
                    public TopologySnapshot currentSnapshot() {
                        return TopologySnapshot.empty();
                    }

                    @Override
                    public void addListener(TopologyListener listener) {}

                    @Override
                    public void removeListener(TopologyListener listener) {}

                    @Override
                    public long reasonsDropped() {
                        return 5;
                    }
                };

        metrics.watchTopology(topology);

        assertThat(metrics.scrape()).contains("weft_topology_reasons_dropped_total 5.0");
    }

    @Test
    void thePacketInCountIsReadAfterAGarbageCollectionToo() {
        AtomicLong counted = new AtomicLong(7);
        // A supplier only the metrics hold, as controller-dist passes it (a method reference).
        metrics.watchPacketIns(counted::get);
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        counted.set(42);
        assertThat(metrics.scrape()).contains("weft_packet_ins_total 42.0");
    }
}
