package org.weft.openflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFVersion;
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
}
