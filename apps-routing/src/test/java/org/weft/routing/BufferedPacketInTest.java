package org.weft.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.MacAddress;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.host.Host;
import org.weft.net.host.HostId;
import org.weft.net.packet.InboundPacket;
import org.weft.net.packet.OutboundPacket;
import org.weft.net.packet.parse.Ethernet;
import org.weft.net.routing.PacketInAnswers;
import org.weft.net.routing.RoutingMetric;
import org.weft.net.testing.FakeDeviceService;
import org.weft.net.testing.FakePacketService;
import org.weft.net.testing.FakeSwitchTables;
import org.weft.net.topology.TopologyFixtures;

/**
 * How a packet-in toward a routed destination is answered: one flow-mod naming the switch's buffer
 * when the switch buffered the packet, the flow-mod and a packet-out carrying the frame when it did
 * not; packet-outs of a buffered packet name its buffer.
 */
class BufferedPacketInTest {

    private static final Dpid S1 = Dpid.of(1);
    private static final MacAddress SRC = MacAddress.of(0x0a0000000001L);
    private static final MacAddress DST = MacAddress.of(0x0a0000000002L);
    private static final MacAddress UNKNOWN = MacAddress.of(0x0a0000000099L);
    private static final ConnectPoint IN = ConnectPoint.of(1, 1);
    private static final int BUFFER = 0xfffffff0; // above 2^31: unsigned on the wire

    private final FakePacketService packets = new FakePacketService();
    private final FakeSwitchTables tables = new FakeSwitchTables();
    private RoutingApp app;

    @BeforeEach
    void setUp() throws Exception {
        FakeDeviceService devices = new FakeDeviceService();
        devices.connect(1, 3);
        tables.connect(S1);
        Host dst = new Host(HostId.of(DST, HostId.NO_VLAN), Set.of(), ConnectPoint.of(1, 2), 0, 0);
        app =
                new RoutingApp(
                                devices,
                                new OneSnapshot(TopologyFixtures.builder().addSwitch(1).build()),
                                new FixedHosts(List.of(dst)),
                                packets,
                                tables,
                                tables,
                                tables,
                                new RoutingConfig(
                                        RoutingMetric.HOP_COUNT,
                                        new ParkedFrameLimits(
                                                50, 20, 1024 * 1024, Duration.ofMinutes(10))))
                        .start();
        // start() queues the planning on the app's thread: a task queued after it runs after it.
        CountDownLatch planned = new CountDownLatch(1);
        app.submit(planned::countDown);
        assertThat(planned.await(10, TimeUnit.SECONDS)).as("start's planning ran").isTrue();
        app.programmer().pending(PlanKey.of(dst.id())).get(10, TimeUnit.SECONDS);
        assertThat(app.programmer().actionsAt(PlanKey.of(dst.id()), S1))
                .containsExactly(FlowAction.output(2));
        tables.flowOps.clear();
    }

    @AfterEach
    void tearDown() {
        app.close();
    }

    private static byte[] frameTo(MacAddress dst) {
        return Ethernet.build(dst, SRC, Ethernet.NO_VLAN, Ethernet.TYPE_IPV4, new byte[20]);
    }

    @Test
    void aBufferedPacketInIsAnsweredByOneFlowModNamingItsBuffer() {
        packets.receive(new InboundPacket(IN, frameTo(DST), 0, OptionalInt.of(BUFFER)));

        assertThat(tables.flowOps).hasSize(1);
        FlowRuleOperation op = tables.flowOps.get(0);
        assertThat(op.type()).isEqualTo(FlowRuleOperation.Type.ADD);
        assertThat(op.bufferId()).hasValue(BUFFER);
        assertThat(op.rule().dpid()).isEqualTo(S1);
        assertThat(op.rule().actions()).containsExactly(FlowAction.output(2));
        assertThat(packets.emitted).as("no packet-out").isEmpty();
        assertThat(app.packetInAnswers()).isEqualTo(new PacketInAnswers(1, 0, 0));
        assertThat(packets.doneInFastSteps).as("answered in the fast step").hasValue(1);
    }

    @Test
    void anUnbufferedPacketInIsAnsweredByTheFlowModAndAPacketOut() {
        byte[] frame = frameTo(DST);
        packets.receive(new InboundPacket(IN, frame, 0));

        assertThat(tables.flowOps).hasSize(1);
        assertThat(tables.flowOps.get(0).bufferId()).isEmpty();
        assertThat(packets.emitted).hasSize(1);
        OutboundPacket out = packets.emitted.get(0);
        assertThat(out.bufferId()).isEmpty();
        assertThat(out.data()).isEqualTo(frame);
        assertThat(out.inPort()).isEqualTo(IN.port());
        assertThat(out.actions()).containsExactly(FlowAction.output(2));
        assertThat(app.packetInAnswers()).isEqualTo(new PacketInAnswers(0, 1, 0));
        assertThat(packets.doneInFastSteps).as("answered in the fast step").hasValue(1);
    }

    @Test
    void aBufferedPacketInFloodedIsSentFromItsBuffer() {
        packets.receive(new InboundPacket(IN, frameTo(UNKNOWN), 0, OptionalInt.of(BUFFER)));

        assertThat(tables.flowOps).as("no rule for an unknown destination").isEmpty();
        // The flood first, then the probe for the unknown address (a frame of Weft's own).
        assertThat(packets.emitted).isNotEmpty();
        OutboundPacket flood = packets.emitted.get(0);
        assertThat(flood.bufferId()).hasValue(BUFFER);
        assertThat(flood.actions())
                .containsExactlyInAnyOrder(FlowAction.output(2), FlowAction.output(3));
        assertThat(packets.emitted.subList(1, packets.emitted.size()))
                .allSatisfy(p -> assertThat(p.bufferId()).isEmpty());
        assertThat(app.packetInAnswers()).isEqualTo(new PacketInAnswers(0, 0, 1));
        assertThat(packets.doneInFastSteps)
                .as("an unknown destination takes the full step")
                .hasValue(0);
    }

    @Test
    void aBufferedPacketWhoseRuleCannotBeSentGoesOutFromItsBuffer() {
        tables.disconnect(S1);

        packets.receive(new InboundPacket(IN, frameTo(DST), 0, OptionalInt.of(BUFFER)));

        assertThat(packets.emitted).hasSize(1);
        assertThat(packets.emitted.get(0).bufferId()).hasValue(BUFFER);
        assertThat(app.packetInAnswers()).isEqualTo(new PacketInAnswers(0, 0, 1));
    }
}
