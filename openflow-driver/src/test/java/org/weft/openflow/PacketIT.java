package org.weft.openflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.weft.net.ConnectPoint;
import org.weft.net.PortNumber;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.packet.FastVerdict;
import org.weft.net.packet.InboundPacket;
import org.weft.net.packet.OutboundPacket;
import org.weft.net.packet.PacketContext;
import org.weft.net.packet.PacketProcessor;
import org.weft.openflow.emulator.EmulatedSwitch;

class PacketIT {

    @ParameterizedTest
    @EnumSource(
            value = OFVersion.class,
            names = {"OF_10", "OF_13"})
    void packetInReachesProcessorsInOrderAndPacketOutReachesSwitch(OFVersion v) throws Exception {
        try (DriverTestBed bed = new DriverTestBed()) {
            BlockingQueue<String> seen = new LinkedBlockingQueue<>();
            BlockingQueue<InboundPacket> packets = new LinkedBlockingQueue<>();
            bed.controller
                    .packetService()
                    .addProcessor(ctx -> seen.add("director"), PacketProcessor.DIRECTOR);
            bed.controller
                    .packetService()
                    .addProcessor(
                            ctx -> {
                                seen.add("advisor");
                                packets.add(ctx.inPacket());
                            },
                            PacketProcessor.ADVISOR);
            EmulatedSwitch sw = bed.connect(0x3, v);
            byte[] frame = new byte[60];
            frame[12] = (byte) 0x88;
            frame[13] = (byte) 0xcc;

            sw.sendPacketIn(PortNumber.of(2), frame);

            InboundPacket in = packets.poll(5, TimeUnit.SECONDS);
            assertThat(in).isNotNull();
            assertThat(in.receivedFrom()).isEqualTo(ConnectPoint.of(0x3, 2));
            assertThat(in.data()).isEqualTo(frame);
            assertThat(seen.poll(1, TimeUnit.SECONDS)).isEqualTo("advisor");
            assertThat(seen.poll(1, TimeUnit.SECONDS)).isEqualTo("director");

            assertThat(
                            bed.controller
                                    .packetService()
                                    .emit(
                                            new OutboundPacket(
                                                    sw.dpid(),
                                                    PortNumber.CONTROLLER,
                                                    List.of(FlowAction.output(4)),
                                                    frame)))
                    .isTrue();
            DriverTestBed.waitUntil(
                    () -> sw.counters().packetOuts.sum() == 1, Duration.ofSeconds(5));
            OFPacketOut out = sw.wire().received(OFPacketOut.class).get(0);
            assertThat(out.getData()).isEqualTo(frame);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = OFVersion.class,
            names = {"OF_10", "OF_13"})
    void packetRequestsAreInstalledOnConnectedAndLaterSwitches(OFVersion v) throws Exception {
        try (DriverTestBed bed = new DriverTestBed()) {
            EmulatedSwitch early = bed.connect(0x1, v);
            FlowMatch lldp = FlowMatch.builder().ethType(FlowMatch.ETH_TYPE_LLDP).build();
            bed.controller.packetService().requestPackets(lldp, 40000);
            EmulatedSwitch late = bed.connect(0x2, v);

            for (EmulatedSwitch sw : List.of(early, late)) {
                DriverTestBed.waitUntil(
                        () -> sw.table().flows().stream().anyMatch(r -> r.match().equals(lldp)),
                        Duration.ofSeconds(5));
                assertThat(sw.table().flows())
                        .filteredOn(r -> r.match().equals(lldp))
                        .singleElement()
                        .satisfies(
                                r -> {
                                    assertThat(r.priority()).isEqualTo(40000);
                                    assertThat(r.actions())
                                            .containsExactly(
                                                    FlowAction.output(PortNumber.CONTROLLER));
                                });
            }
            assertThat(
                            bed.controller
                                    .packetService()
                                    .emit(
                                            new OutboundPacket(
                                                    org.weft.net.Dpid.of(77),
                                                    PortNumber.CONTROLLER,
                                                    List.of(),
                                                    new byte[60])))
                    .isFalse();
        }
    }

    /**
     * A switch may send packet-ins right behind the barrier reply that ends its handshake, before
     * the controller has finished registering it: they are handed on once it is active, in order.
     * To keep the registration pending for sure, the switch takes over the DPID of a hung one (the
     * controller first probes the old channel with an echo that is never answered).
     */
    @ParameterizedTest
    @EnumSource(
            value = OFVersion.class,
            names = {"OF_10", "OF_13"})
    void packetInsSentRightAfterTheHandshakeAreNotLost(OFVersion v) throws Exception {
        try (DriverTestBed bed = new DriverTestBed()) {
            BlockingQueue<InboundPacket> packets = new LinkedBlockingQueue<>();
            bed.controller
                    .packetService()
                    .addProcessor(ctx -> packets.add(ctx.inPacket()), PacketProcessor.ADVISOR);
            EmulatedSwitch hung = bed.connect(0x5, v);
            hung.setSilent(true);
            EmulatedSwitch sw =
                    EmulatedSwitch.builder(0x5).version(DriverTestBed.emulated(v)).build();
            AtomicBoolean sent = new AtomicBoolean();
            sw.wire()
                    .onMessage(
                            (s, m) -> {
                                if (m.getType() == OFType.BARRIER_REQUEST
                                        && sent.compareAndSet(false, true)) {
                                    for (int i = 1; i <= 3; i++) {
                                        byte[] frame = new byte[60];
                                        frame[59] = (byte) i;
                                        s.sendPacketIn(PortNumber.of(i), frame);
                                    }
                                }
                            });
            bed.connect(sw);

            for (int i = 1; i <= 3; i++) {
                InboundPacket in = packets.poll(5, TimeUnit.SECONDS);
                assertThat(in).as("packet-in %d", i).isNotNull();
                assertThat(in.receivedFrom()).isEqualTo(ConnectPoint.of(0x5, i));
                assertThat(in.data()[59]).isEqualTo((byte) i);
            }
            DriverTestBed.waitUntil(() -> !hung.isConnected(), Duration.ofSeconds(5));
        }
    }

    /** A processor that records its steps (and their threads) and answers its fast step so. */
    private record Recording(String name, FastVerdict fast, BlockingQueue<String> seen)
            implements PacketProcessor {
        @Override
        public FastVerdict processFast(PacketContext ctx) {
            seen.add(name + "-fast@" + Thread.currentThread().getName());
            return fast;
        }

        @Override
        public void process(PacketContext ctx) {
            seen.add(name + "-full@" + Thread.currentThread().getName());
        }
    }

    /**
     * Fast steps run in order on the switch's I/O thread; the first processor that asks for its
     * full step gets it on a worker, then every later one; a processor that passed in its fast step
     * does not see the packet again; one that handled it stops it there.
     */
    @ParameterizedTest
    @EnumSource(
            value = OFVersion.class,
            names = {"OF_10", "OF_13"})
    void fastStepsRunOnTheIoThreadAndFullStepsFromTheFirstThatAsks(OFVersion v) throws Exception {
        try (DriverTestBed bed = new DriverTestBed()) {
            BlockingQueue<String> seen = new LinkedBlockingQueue<>();
            var packets = bed.controller.packetService();
            packets.addProcessor(new Recording("a", FastVerdict.PASS, seen), 1);
            packets.addProcessor(new Recording("b", FastVerdict.SLOW, seen), 2);
            packets.addProcessor(new Recording("c", FastVerdict.HANDLED, seen), 3);
            EmulatedSwitch sw = bed.connect(0x6, v);

            sw.sendPacketIn(PortNumber.of(2), new byte[60]);

            List<String> steps = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String step = seen.poll(5, TimeUnit.SECONDS);
                assertThat(step).as("step %d of %s", i, steps).isNotNull();
                steps.add(step);
            }
            assertThat(steps.get(0)).startsWith("a-fast@weft-of-io");
            assertThat(steps.get(1)).startsWith("b-fast@weft-of-io");
            assertThat(steps.get(2)).startsWith("b-full@");
            assertThat(steps.get(3)).startsWith("c-full@");
            assertThat(seen.poll(200, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = OFVersion.class,
            names = {"OF_10", "OF_13"})
    void aFastStepThatHandlesThePacketStopsItThere(OFVersion v) throws Exception {
        try (DriverTestBed bed = new DriverTestBed()) {
            BlockingQueue<String> seen = new LinkedBlockingQueue<>();
            var packets = bed.controller.packetService();
            packets.addProcessor(new Recording("a", FastVerdict.HANDLED, seen), 1);
            packets.addProcessor(new Recording("b", FastVerdict.SLOW, seen), 2);
            EmulatedSwitch sw = bed.connect(0x7, v);

            sw.sendPacketIn(PortNumber.of(2), new byte[60]);

            assertThat(seen.poll(5, TimeUnit.SECONDS)).startsWith("a-fast@weft-of-io");
            assertThat(seen.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    /**
     * A packet its fast step answers is answered at once even while an earlier packet of the same
     * switch waits for its full step on a worker: a backlog of full steps never holds back what the
     * I/O thread can answer in constant time. (Packet 1's slow full step runs inline and uses up
     * the I/O thread's inline budget, so packet 2's full step goes to a worker, where it blocks.)
     */
    @ParameterizedTest
    @EnumSource(
            value = OFVersion.class,
            names = {"OF_10", "OF_13"})
    void aPacketHandledByItsFastStepOvertakesOnesWaitingForTheirFullStep(OFVersion v)
            throws Exception {
        try (DriverTestBed bed = new DriverTestBed()) {
            BlockingQueue<String> seen = new LinkedBlockingQueue<>();
            java.util.concurrent.CountDownLatch release =
                    new java.util.concurrent.CountDownLatch(1);
            bed.controller
                    .packetService()
                    .addProcessor(
                            new PacketProcessor() {
                                @Override
                                public FastVerdict processFast(PacketContext ctx) {
                                    int n = ctx.inPacket().data()[0];
                                    seen.add("fast" + n);
                                    return n == 3 ? FastVerdict.HANDLED : FastVerdict.SLOW;
                                }

                                @Override
                                public void process(PacketContext ctx) {
                                    int n = ctx.inPacket().data()[0];
                                    try {
                                        if (n == 1) {
                                            Thread.sleep(100);
                                        } else if (!release.await(10, TimeUnit.SECONDS)) {
                                            seen.add("never released");
                                        }
                                    } catch (InterruptedException e) {
                                        Thread.currentThread().interrupt();
                                    }
                                    seen.add("full" + n);
                                }
                            },
                            1);
            EmulatedSwitch sw = bed.connect(0x8, v);
            byte[][] frames = new byte[4][60];
            for (int n = 1; n <= 3; n++) {
                frames[n][0] = (byte) n;
            }

            sw.sendPacketIn(PortNumber.of(1), frames[1]);
            assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("fast1");
            assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("full1");
            sw.sendPacketIn(PortNumber.of(1), frames[2]);
            sw.sendPacketIn(PortNumber.of(1), frames[3]);

            assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("fast2");
            assertThat(seen.poll(5, TimeUnit.SECONDS))
                    .as("packet 3 answered while packet 2 waits")
                    .isEqualTo("fast3");
            assertThat(seen.poll(300, TimeUnit.MILLISECONDS)).isNull();
            release.countDown();
            assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("full2");
            assertThat(seen.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }
}
