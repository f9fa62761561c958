package org.weft.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.weft.net.routing.PacketInAnswers;
import org.weft.openflow.emulator.EmulatedSwitch;
import org.weft.openflow.emulator.FabricBuilder;
import org.weft.openflow.emulator.PacketHeaders;
import org.weft.openflow.emulator.ReleasedPacket;
import org.weft.routing.RoutingApp;

/**
 * A packet-in toward a routed destination, end to end: answered by one flow-mod naming the switch's
 * buffer when the switch buffered the packet (the switch forwards it by the rule; no packet-out),
 * by the flow-mod and a packet-out when it did not.
 */
class BufferedPacketInIT {

    @Test
    void aBufferedPacketInIsAnsweredByOneFlowModAndAnUnbufferedOneAlsoByAPacketOut()
            throws Exception {
        try (WeftTestBed bed = new WeftTestBed(FabricBuilder.linear(2), 200)) {
            RoutingIT.awaitLinks(bed, 2);
            List<RoutingIT.TestHost> hosts = RoutingIT.hostsOnFreePorts(bed.fabric);
            RoutingIT.announce(bed, hosts);
            RoutingIT.TestHost a = hosts.get(0);
            RoutingIT.TestHost b = hosts.get(1);
            EmulatedSwitch ingress = bed.fabric.get(a.at().dpid());
            RoutingApp routing = bed.weft.routing();
            WeftTestBed.waitUntil(
                    () ->
                            routing.isIdle()
                                    && ingress.table().flows().stream()
                                            .anyMatch(r -> b.mac().equals(r.match().ethDst())),
                    Duration.ofSeconds(10),
                    "route to " + b.mac() + " installed on " + ingress.dpid());
            bed.fabric.clearDeliveries();
            PacketInAnswers before = routing.packetInAnswers();
            byte[] frame = RoutingIT.ipv4(a, b);

            // As if the switch's entry had expired and it buffered the packet.
            int id = ingress.sendBufferedPacketIn(a.at().port(), frame);

            WeftTestBed.waitUntil(
                    () -> !ingress.releasedPackets().isEmpty(),
                    Duration.ofSeconds(5),
                    "buffer " + id + " released");
            RoutingIT.quiesce(bed.fabric);
            assertThat(ingress.releasedPackets())
                    .singleElement()
                    .satisfies(
                            p -> {
                                assertThat(p.bufferId()).isEqualTo(id);
                                assertThat(p.by()).isEqualTo(ReleasedPacket.By.FLOW_MOD);
                                assertThat(p.outputs())
                                        .isNotEmpty()
                                        .isEqualTo(
                                                ingress.outputs(
                                                        PacketHeaders.ofFrame(
                                                                a.at().port(), frame)));
                            });
            assertThat(RoutingIT.traffic(bed.fabric)).as("no packet-out of the frame").isEmpty();
            assertThat(routing.packetInAnswers())
                    .isEqualTo(
                            new PacketInAnswers(
                                    before.bufferedFlowMods() + 1,
                                    before.flowModsAndPacketOuts(),
                                    before.packetOutsOnly()));

            // The same packet unbuffered: the flow-mod and a packet-out, which reaches the host.
            ingress.sendPacketIn(a.at().port(), frame);

            WeftTestBed.waitUntil(
                    () -> RoutingIT.deliveredTo(bed.fabric, b.at(), b.mac()) == 1,
                    Duration.ofSeconds(5),
                    "packet-out delivered to " + b.at());
            RoutingIT.quiesce(bed.fabric);
            assertThat(RoutingIT.traffic(bed.fabric)).hasSize(1);
            assertThat(routing.packetInAnswers())
                    .isEqualTo(
                            new PacketInAnswers(
                                    before.bufferedFlowMods() + 1,
                                    before.flowModsAndPacketOuts() + 1,
                                    before.packetOutsOnly()));
            assertThat(ingress.bufferedPackets()).isZero();
        }
    }
}
