package org.weft.net.host.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weft.net.ConnectPoint;
import org.weft.net.Ip4Address;
import org.weft.net.MacAddress;
import org.weft.net.host.HostEvent;
import org.weft.net.host.HostId;
import org.weft.net.link.impl.LinkManager;
import org.weft.net.packet.InboundPacket;
import org.weft.net.packet.parse.Arp;
import org.weft.net.packet.parse.Ethernet;
import org.weft.net.testing.FakeDeviceService;
import org.weft.net.testing.FakePacketService;
import org.weft.time.VirtualTime;

/** A started tracker forgets idle hosts on its own timer, driven here by virtual time. */
class HostExpiryTest {

    private static final MacAddress H1 = MacAddress.parse("0a:00:00:00:00:01");
    private static final HostId ID1 = HostId.of(H1, HostId.NO_VLAN);
    private static final Duration IDLE = Duration.ofSeconds(60);

    private final VirtualTime time = new VirtualTime();
    private final FakeDeviceService devices = new FakeDeviceService();
    private final FakePacketService packets = new FakePacketService();
    private final List<HostEvent> events = new ArrayList<>();
    private HostTracker hosts;

    @BeforeEach
    void setUp() {
        LinkManager links = new LinkManager(Runnable::run, time, Duration.ofSeconds(3));
        hosts = new HostTracker(devices, links, Runnable::run, time, IDLE);
        hosts.addListener(events::add);
        devices.connect(1, 4);
        hosts.start(packets);
    }

    @AfterEach
    void tearDown() {
        hosts.stop();
    }

    private void arpFromH1() {
        Arp a =
                new Arp(
                        Arp.REQUEST,
                        H1,
                        Ip4Address.parse("10.0.0.1"),
                        MacAddress.of(0),
                        Ip4Address.parse("10.0.0.254"));
        byte[] frame =
                Ethernet.build(
                        MacAddress.BROADCAST, H1, Ethernet.NO_VLAN, Ethernet.TYPE_ARP, a.toBytes());
        packets.receive(new InboundPacket(ConnectPoint.of(1, 3), frame, time.nanos()));
    }

    @Test
    void anIdleHostIsForgottenWithinOneExpiryPeriodAfterItsIdleTimeout() {
        Duration period = hosts.expiryPeriod();
        assertThat(period).isEqualTo(Duration.ofSeconds(5));
        arpFromH1();

        time.advance(IDLE);
        assertThat(hosts.getHost(ID1)).as("idle for exactly the timeout").isPresent();

        time.advance(period);
        assertThat(hosts.getHost(ID1)).isEmpty();
        HostEvent removed = events.get(events.size() - 1);
        assertThat(removed.type()).isEqualTo(HostEvent.Type.REMOVED);
        assertThat(removed.timeMillis()).isEqualTo(time.millis());
    }

    @Test
    void aHostSeenAgainLivesOnFromItsLastSighting() {
        arpFromH1();
        time.advance(Duration.ofSeconds(50));
        arpFromH1();

        time.advance(IDLE);
        assertThat(hosts.getHost(ID1)).isPresent();
        assertThat(hosts.getHost(ID1).orElseThrow().lastSeenMillis())
                .isEqualTo(time.millis() - IDLE.toMillis());

        time.advance(hosts.expiryPeriod());
        assertThat(hosts.getHost(ID1)).isEmpty();
    }

    @Test
    void eventsCarryTheTrackersTime() {
        time.advance(Duration.ofSeconds(7));
        arpFromH1();
        assertThat(events).singleElement();
        assertThat(events.get(0).timeMillis())
                .isEqualTo(VirtualTime.DEFAULT_START.plusSeconds(7).toEpochMilli());
        assertThat(events.get(0).subject().firstSeenMillis()).isEqualTo(time.millis());
    }

    @Test
    void aStoppedTrackerLeavesNoTimerBehind() {
        arpFromH1();
        hosts.stop();

        assertThat(time.pendingTasks()).isZero();
        time.advance(Duration.ofHours(1));
        assertThat(hosts.getHost(ID1)).isPresent();
    }
}
