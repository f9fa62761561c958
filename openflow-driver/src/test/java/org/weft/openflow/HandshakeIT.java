package org.weft.openflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.projectfloodlight.openflow.protocol.OFSetConfig;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.weft.net.Dpid;
import org.weft.net.PortNumber;
import org.weft.net.device.Device;
import org.weft.net.device.DeviceEvent;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;
import org.weft.openflow.emulator.EmulatedSwitch;

class HandshakeIT {

    @ParameterizedTest
    @EnumSource(
            value = OFVersion.class,
            names = {"OF_10", "OF_13"})
    void switchCompletesHandshakeAndAppearsAsDevice(OFVersion version) throws Exception {
        try (DriverTestBed bed = new DriverTestBed()) {
            EmulatedSwitch sw =
                    bed.connect(
                            EmulatedSwitch.builder(0x2a)
                                    .version(DriverTestBed.emulated(version))
                                    .ports(3)
                                    .build());

            DeviceEvent e = bed.nextEvent(DeviceEvent.Type.DEVICE_CONNECTED, Duration.ofSeconds(5));
            Device d = e.subject();
            assertThat(d.dpid()).isEqualTo(Dpid.of(0x2a));
            assertThat(d.protocol()).isEqualTo(version.name());
            assertThat(d.ports())
                    .containsOnlyKeys(PortNumber.of(1), PortNumber.of(2), PortNumber.of(3));
            assertThat(d.ports().get(PortNumber.of(1)).speedMbps()).isEqualTo(10_000);
            assertThat(d.ports().get(PortNumber.of(2)).isLive()).isTrue();
            assertThat(sw.wire().received(OFSetConfig.class))
                    .singleElement()
                    .satisfies(c -> assertThat(c.getMissSendLen()).isEqualTo(0xffff));
        }
    }

    @Test
    void of13SwitchGetsTableMissFlowToController() throws Exception {
        try (DriverTestBed bed = new DriverTestBed()) {
            EmulatedSwitch sw = bed.connect(0x1, OFVersion.OF_13);

            assertThat(sw.table().flows())
                    .singleElement()
                    .satisfies(
                            r -> {
                                assertThat(r.priority()).isZero();
                                assertThat(r.match()).isEqualTo(FlowMatch.ANY);
                                assertThat(r.actions())
                                        .containsExactly(FlowAction.output(PortNumber.CONTROLLER));
                            });
        }
    }

    @Test
    void of10SwitchGetsNoTableMissFlow() throws Exception {
        try (DriverTestBed bed = new DriverTestBed()) {
            EmulatedSwitch sw = bed.connect(0x1, OFVersion.OF_10);
            assertThat(sw.table().flows()).extracting(FlowRule::priority).isEmpty();
        }
    }

    @Test
    void stalledHandshakeIsClosed() throws Exception {
        OfConfig config = OfConfig.defaults().withHandshakeTimeout(Duration.ofMillis(300));
        try (DriverTestBed bed = new DriverTestBed(config);
                Socket s = new Socket("127.0.0.1", bed.port())) {
            s.setSoTimeout(3000);
            InputStream in = s.getInputStream();
            long start = System.nanoTime();
            byte[] buf = new byte[1024];
            int total = 0;
            int n;
            while ((n = in.read(buf)) >= 0) {
                total += n;
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(total).as("our HELLO was sent").isGreaterThanOrEqualTo(8);
            assertThat(ms)
                    .as("closed by the handshake timeout, not the read timeout")
                    .isLessThan(2500);
        }
    }

    @Test
    void portStatusBecomesDeviceEvent() throws Exception {
        try (DriverTestBed bed = new DriverTestBed()) {
            EmulatedSwitch sw = bed.connect(0x7, OFVersion.OF_13);
            sw.setPortLive(PortNumber.of(2), false);

            DeviceEvent e = bed.nextEvent(DeviceEvent.Type.PORT_UPDATED, Duration.ofSeconds(5));
            assertThat(e.port())
                    .get()
                    .satisfies(
                            p -> {
                                assertThat(p.number()).isEqualTo(PortNumber.of(2));
                                assertThat(p.linkUp()).isFalse();
                            });
            assertThat(
                            bed.controller
                                    .deviceService()
                                    .getDevice(sw.dpid())
                                    .orElseThrow()
                                    .port(PortNumber.of(2))
                                    .orElseThrow()
                                    .isLive())
                    .isFalse();
        }
    }

    @Test
    void disconnectIsAnnounced() throws Exception {
        try (DriverTestBed bed = new DriverTestBed()) {
            EmulatedSwitch sw = bed.connect(0x9, OFVersion.OF_13);
            sw.close();
            DeviceEvent e =
                    bed.nextEvent(DeviceEvent.Type.DEVICE_DISCONNECTED, Duration.ofSeconds(5));
            assertThat(e.subject().dpid()).isEqualTo(Dpid.of(0x9));
            assertThat(bed.controller.deviceService().getDevices()).isEmpty();
        }
    }
}
