package org.weft.openflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.weft.net.PortNumber;
import org.weft.net.device.DeviceEvent;
import org.weft.openflow.emulator.EmulatedSwitch;

class KeepaliveIT {

    @Test
    void silentSwitchIsDroppedWhileLiveOneStays() throws Exception {
        OfConfig config = OfConfig.defaults().withKeepalive(Duration.ofMillis(100), 3);
        try (DriverTestBed bed = new DriverTestBed(config)) {
            EmulatedSwitch live = bed.connect(0x1, OFVersion.OF_13);
            EmulatedSwitch silent = bed.connect(0x2, OFVersion.OF_13);
            silent.setSilent(true);

            DeviceEvent gone =
                    bed.nextEvent(DeviceEvent.Type.DEVICE_DISCONNECTED, Duration.ofSeconds(3));
            assertThat(gone.subject().dpid()).isEqualTo(silent.dpid());

            // The live switch keeps answering: still connected after many more echo rounds.
            long echoesBefore = live.counters().echoRequests.sum();
            DriverTestBed.waitUntil(
                    () -> live.counters().echoRequests.sum() >= echoesBefore + 10,
                    Duration.ofSeconds(5));
            assertThat(bed.controller.deviceService().isConnected(live.dpid())).isTrue();
            assertThat(live.isConnected()).isTrue();
            assertThat(silent.isConnected()).isFalse();
            // Echo replies also measure the control channel's round trip (loopback: well under 100
            // ms).
            long rtt =
                    bed.controller
                            .deviceService()
                            .controlChannelRttNanos(live.dpid())
                            .orElseThrow();
            assertThat(rtt).isPositive().isLessThan(100_000_000L);
            assertThat(bed.controller.deviceService().controlChannelRttNanos(silent.dpid()))
                    .isEmpty();
        }
    }

    /** Any message proves a switch alive: a busy switch that ignores echoes is not dead. */
    @Test
    void busySwitchThatNeverAnswersEchoesStaysUntilItFallsSilent() throws Exception {
        OfConfig config = OfConfig.defaults().withKeepalive(Duration.ofMillis(100), 3);
        try (DriverTestBed bed = new DriverTestBed(config)) {
            EmulatedSwitch busy = bed.connect(0x3, OFVersion.OF_13);
            busy.setSilent(true);
            long until = System.nanoTime() + Duration.ofSeconds(2).toNanos(); // 20 intervals
            while (System.nanoTime() < until) {
                busy.sendPacketIn(PortNumber.of(1), new byte[60]);
                Thread.sleep(20);
            }
            assertThat(busy.isConnected()).isTrue();
            assertThat(bed.controller.deviceService().isConnected(busy.dpid())).isTrue();
            long echoes = busy.counters().echoRequests.sum();
            assertThat(echoes).as("no echo needed while the switch talks").isLessThanOrEqualTo(1);

            long quietAt = System.nanoTime();
            DeviceEvent gone =
                    bed.nextEvent(DeviceEvent.Type.DEVICE_DISCONNECTED, Duration.ofSeconds(3));
            long afterMs = (System.nanoTime() - quietAt) / 1_000_000;
            assertThat(gone.subject().dpid()).isEqualTo(busy.dpid());
            assertThat(afterMs).isGreaterThanOrEqualTo(250); // three intervals, less timer slack
            assertThat(busy.counters().echoRequests.sum()).isGreaterThan(echoes);
        }
    }

    /** An echo reply that answers no request of Weft's proves nothing. */
    @Test
    void blindEchoRepliesDoNotKeepASwitchAlive() throws Exception {
        OfConfig config = OfConfig.defaults().withKeepalive(Duration.ofMillis(100), 3);
        try (DriverTestBed bed = new DriverTestBed(config)) {
            EmulatedSwitch blind = bed.connect(0x4, OFVersion.OF_13);
            blind.setSilent(true);
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            int sent = 0;
            while (blind.isConnected() && System.nanoTime() < until) {
                blind.wire()
                        .send(
                                blind.wire()
                                        .factory()
                                        .buildEchoReply()
                                        .setXid(0x7000_0000L + sent++)
                                        .setData(new byte[8])
                                        .build());
                Thread.sleep(10);
            }
            assertThat(sent).isGreaterThan(20);
            DeviceEvent gone =
                    bed.nextEvent(DeviceEvent.Type.DEVICE_DISCONNECTED, Duration.ofSeconds(1));
            assertThat(gone.subject().dpid()).isEqualTo(blind.dpid());
        }
    }
}
