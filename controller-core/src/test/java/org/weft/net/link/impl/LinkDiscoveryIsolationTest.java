package org.weft.net.link.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.flow.FlowAction;
import org.weft.net.link.LinkEvent;
import org.weft.net.packet.InboundPacket;
import org.weft.net.packet.OutboundPacket;
import org.weft.net.packet.PacketProcessor;
import org.weft.net.testing.FakeDeviceService;
import org.weft.net.testing.FakePacketService;
import org.weft.time.VirtualTime;

/**
 * One switch whose packet-outs always fail (as Loxi fails an OpenFlow 1.5 packet-out that sets
 * in_port) must not stop discovery for the others, nor link expiry for the fabric.
 */
class LinkDiscoveryIsolationTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();

    private final VirtualTime time = new VirtualTime();
    private final FakeDeviceService devices = new FakeDeviceService();
    private final FakePacketService packets = new FakePacketService();
    private final List<LinkEvent> events = new CopyOnWriteArrayList<>();
    private final DiscoveryConfig config = new DiscoveryConfig(Duration.ofSeconds(1), 3, KEY);
    private final LinkManager links = new LinkManager(Runnable::run, time, config.linkTimeout());
    private final LinkDiscovery discovery =
            new LinkDiscovery(devices, packets, links, config, time);

    @Test
    void aSwitchThatCannotBeProbedSkipsNeitherTheOthersNorLinkExpiry() {
        links.addListener(events::add);
        devices.addListener(links);
        packets.addProcessor(discovery, PacketProcessor.ADVISOR);
        for (long dpid = 1; dpid <= 3; dpid++) {
            devices.connect(dpid, 2);
        }
        // A link 1 -> 3, learned from a probe before anything went wrong.
        discovery.probe(devices.getDevice(Dpid.of(1)).orElseThrow());
        byte[] probe = packets.emitted.get(0).data();
        packets.receive(new InboundPacket(ConnectPoint.of(3, 1), probe, time.nanos()));
        assertThat(links.getLinks()).containsOnlyKeys(Link.of(1, 1, 3, 1));

        packets.rejectEmitsTo(2);
        packets.emitted.clear();
        time.advance(config.linkTimeout().plusMillis(1));
        for (int i = 0; i < LinkDiscovery.SLOTS; i++) {
            discovery.tick(); // one whole interval: every switch's slot, then expiry
        }

        assertThat(packets.emitted)
                .extracting(o -> o.dpid().value())
                .containsOnly(1L, 3L)
                .hasSize(4);
        assertThat(packets.emitted)
                .extracting(OutboundPacket::actions)
                .contains(List.of(FlowAction.output(1)), List.of(FlowAction.output(2)));
        assertThat(discovery.counters().probeFailures()).isEqualTo(2);
        assertThat(links.getLinks()).isEmpty();
        assertThat(events.get(events.size() - 1).reason()).isEqualTo(LinkEvent.Reason.TIMEOUT);
    }
}
