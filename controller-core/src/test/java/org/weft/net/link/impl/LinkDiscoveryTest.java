package org.weft.net.link.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weft.net.ConnectPoint;
import org.weft.net.Link;
import org.weft.net.flow.FlowAction;
import org.weft.net.link.LinkEvent;
import org.weft.net.packet.InboundPacket;
import org.weft.net.packet.OutboundPacket;
import org.weft.net.packet.PacketContext;
import org.weft.net.packet.PacketProcessor;
import org.weft.net.packet.parse.Lldp;
import org.weft.net.testing.FakeDeviceService;
import org.weft.net.testing.FakePacketService;
import org.weft.time.VirtualTime;

class LinkDiscoveryTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();
    private static final Link L12 = Link.of(1, 1, 2, 2);

    private final VirtualTime time = new VirtualTime();
    private final FakeDeviceService devices = new FakeDeviceService();
    private final FakePacketService packets = new FakePacketService();
    private final List<LinkEvent> events = new CopyOnWriteArrayList<>();
    private LinkManager links;
    private LinkDiscovery discovery;

    @BeforeEach
    void setUp() {
        DiscoveryConfig cfg = new DiscoveryConfig(Duration.ofSeconds(1), 3, KEY);
        links = new LinkManager(Runnable::run, time, cfg.linkTimeout());
        links.addListener(events::add);
        devices.addListener(links);
        discovery = new LinkDiscovery(devices, packets, links, cfg, time);
        packets.addProcessor(discovery, PacketProcessor.ADVISOR);
        devices.connect(1, 3);
        devices.connect(2, 3);
    }

    /** The probe switch 1 sends out of port 1 now. */
    private byte[] probeFrom1Port1() {
        packets.emitted.clear();
        discovery.probe(devices.getDevice(org.weft.net.Dpid.of(1)).orElseThrow());
        return packets.emitted.stream()
                .filter(o -> o.actions().equals(List.of(FlowAction.output(1))))
                .map(OutboundPacket::data)
                .findFirst()
                .orElseThrow();
    }

    private PacketContext arriveAt2Port2(byte[] frame, Duration after) {
        time.advance(after);
        return packets.receive(new InboundPacket(ConnectPoint.of(2, 2), frame, time.nanos()));
    }

    @Test
    void probesEveryLivePortAndLearnsTheLinkWithLatencyLessHalfTheRtts() {
        devices.setPortLive(1, 3, false);
        packets.emitted.clear();
        discovery.probe(devices.getDevice(org.weft.net.Dpid.of(1)).orElseThrow());
        assertThat(packets.emitted).hasSize(2);

        devices.setRttNanos(1, 2_000_000);
        devices.setRttNanos(2, 4_000_000);
        PacketContext ctx = arriveAt2Port2(probeFrom1Port1(), Duration.ofMillis(13));

        assertThat(ctx.isBlocked()).isTrue();
        assertThat(links.getLinkInfo(L12).orElseThrow().latencyNanos()).isEqualTo(10_000_000);
        assertThat(links.getLinkInfo(L12).orElseThrow().capacityMbps()).isEqualTo(10_000);
        assertThat(events).extracting(LinkEvent::type).containsExactly(LinkEvent.Type.ADDED);
        // The way back was unknown, so port 2 of switch 2 was probed at once.
        assertThat(packets.emitted)
                .anyMatch(
                        o ->
                                o.dpid().value() == 2
                                        && o.actions().equals(List.of(FlowAction.output(2))));
    }

    @Test
    void latencyIsClampedAtZero() {
        devices.setRttNanos(1, 50_000_000);
        arriveAt2Port2(probeFrom1Port1(), Duration.ofMillis(1));
        assertThat(links.getLinkInfo(L12).orElseThrow().latencyNanos()).isZero();
    }

    @Test
    void forgedProbeIsDroppedCountedAndBlocked() {
        LldpSigner other = new LldpSigner("another key, 16 bytes or more".getBytes());
        byte[] forged =
                Lldp.probe(1, 1, 120, List.of(other.sign(1, 1, time.nanos())))
                        .toFrame(FakeDeviceService.port(1).mac());
        PacketContext ctx = arriveAt2Port2(forged, Duration.ofMillis(1));
        assertThat(ctx.isBlocked()).isTrue();
        assertThat(discovery.counters().forged()).isEqualTo(1);
        assertThat(links.getLinks()).isEmpty();

        byte[] unsigned = Lldp.probe(1, 1, 120, List.of()).toFrame(FakeDeviceService.port(1).mac());
        arriveAt2Port2(unsigned, Duration.ofMillis(1));
        assertThat(discovery.counters().foreign()).isEqualTo(1);
        assertThat(links.getLinks()).isEmpty();
    }

    @Test
    void tamperedSignedFieldsAreForged() {
        byte[] frame = probeFrom1Port1();
        frame[frame.length - 10] ^= 1; // inside the HMAC
        arriveAt2Port2(frame, Duration.ofMillis(1));
        assertThat(discovery.counters().forged()).isEqualTo(1);
        assertThat(links.getLinks()).isEmpty();
    }

    @Test
    void replayedAndStaleProbesAreDropped() {
        byte[] frame = probeFrom1Port1();
        arriveAt2Port2(frame, Duration.ofMillis(1));
        assertThat(discovery.counters().accepted()).isEqualTo(1);

        arriveAt2Port2(frame, Duration.ofMillis(1));
        assertThat(discovery.counters().replayed()).isEqualTo(1);

        byte[] old = probeFrom1Port1();
        arriveAt2Port2(old, Duration.ofSeconds(4));
        assertThat(discovery.counters().stale()).isEqualTo(1);
        assertThat(discovery.counters().accepted()).isEqualTo(1);
    }

    @Test
    void linkTimesOutAfterTheConfiguredIntervalsWithoutProbes() {
        arriveAt2Port2(probeFrom1Port1(), Duration.ofMillis(1));
        time.advance(Duration.ofMillis(2_900));
        assertThat(links.expire()).isZero();
        arriveAt2Port2(probeFrom1Port1(), Duration.ofMillis(1));
        time.advance(Duration.ofMillis(2_999));
        assertThat(links.expire()).isZero();
        time.advance(Duration.ofMillis(2));
        assertThat(links.expire()).isEqualTo(1);
        assertThat(links.getLinks()).isEmpty();
        assertThat(events.get(events.size() - 1).reason()).isEqualTo(LinkEvent.Reason.TIMEOUT);
    }

    @Test
    void startedDiscoveryProbesEachIntervalAndExpiresSilentLinksOnItsOwnTimer() {
        arriveAt2Port2(probeFrom1Port1(), Duration.ofMillis(1));
        packets.emitted.clear();
        discovery.start();

        time.advance(Duration.ofSeconds(1));
        assertThat(packets.emitted).as("every live port of both switches, once").hasSize(6);

        // No probe comes back: the link outlives 3 intervals, then the next expiry removes it.
        time.advance(Duration.ofSeconds(2));
        assertThat(links.getLinks()).containsKey(L12);
        time.advance(Duration.ofSeconds(1));
        assertThat(links.getLinks()).isEmpty();
        assertThat(events.get(events.size() - 1).reason()).isEqualTo(LinkEvent.Reason.TIMEOUT);
        assertThat(packets.emitted).hasSize(24);

        discovery.stop();
        assertThat(time.pendingTasks()).isZero();
    }

    @Test
    void portDownAndDisconnectRemoveLinksAtOnce() {
        arriveAt2Port2(probeFrom1Port1(), Duration.ofMillis(1));
        assertThat(links.isInfrastructure(ConnectPoint.of(2, 2))).isTrue();
        devices.setPortLive(2, 2, false);
        assertThat(links.getLinks()).isEmpty();
        assertThat(links.isInfrastructure(ConnectPoint.of(2, 2))).isFalse();
        assertThat(events.get(events.size() - 1).reason()).isEqualTo(LinkEvent.Reason.PORT_DOWN);

        // A probe still in flight when the port went down does not bring the link back.
        arriveAt2Port2(probeFrom1Port1(), Duration.ofMillis(1));
        assertThat(links.getLinks()).isEmpty();

        devices.setPortLive(2, 2, true);
        arriveAt2Port2(probeFrom1Port1(), Duration.ofMillis(1));
        assertThat(links.getLinks()).containsKey(L12);
        devices.disconnect(1);
        assertThat(links.getLinks()).isEmpty();
        assertThat(events.get(events.size() - 1).reason())
                .isEqualTo(LinkEvent.Reason.DEVICE_DISCONNECTED);
    }

    @Test
    void adminWeightSurvivesFlapsAndAnnouncesUpdates() {
        arriveAt2Port2(probeFrom1Port1(), Duration.ofMillis(1));
        links.setCableAdminWeight(L12, 7.5);
        assertThat(links.getLinkInfo(L12).orElseThrow().adminWeight()).isEqualTo(7.5);
        assertThat(events.get(events.size() - 1).reason()).isEqualTo(LinkEvent.Reason.ADMIN);
        devices.setPortLive(2, 2, false);
        devices.setPortLive(2, 2, true);
        arriveAt2Port2(probeFrom1Port1(), Duration.ofMillis(1));
        assertThat(links.getLinkInfo(L12).orElseThrow().adminWeight()).isEqualTo(7.5);
        links.clearAdminWeight(L12);
        assertThat(links.getLinkInfo(L12).orElseThrow().adminWeight()).isEqualTo(1.0);
    }

    @Test
    void probeSlotsSpreadSwitchesOverTheInterval() {
        int[] perSlot = new int[LinkDiscovery.SLOTS];
        for (long d = 1; d <= 1000; d++) {
            perSlot[LinkDiscovery.slotOf(org.weft.net.Dpid.of(d))]++;
        }
        assertThat(java.util.Arrays.stream(perSlot).boxed().toList())
                .allSatisfy(n -> assertThat(n).isBetween(20, 80));
    }

    @Test
    void latencyFollowsDropsFastAndRisesSlowly() {
        org.weft.net.topology.LinkInfo at10 =
                org.weft.net.topology.LinkInfo.UNKNOWN.withLatencyNanos(10_000_000);
        assertThat(LinkManager.smooth(org.weft.net.topology.LinkInfo.UNKNOWN, 7)).isEqualTo(7);
        assertThat(LinkManager.smooth(at10, -1)).isEqualTo(10_000_000);
        assertThat(LinkManager.smooth(at10, 8_000_000)).isEqualTo(9_000_000);
        assertThat(LinkManager.smooth(at10, 26_000_000)).isEqualTo(11_000_000);
    }
}
