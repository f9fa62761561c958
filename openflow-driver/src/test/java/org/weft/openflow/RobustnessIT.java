package org.weft.openflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFBadRequestCode;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.errormsg.OFBadRequestErrorMsg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.openflow.emulator.EmulatedSwitch;

class RobustnessIT {

    private static final Logger log = LoggerFactory.getLogger(RobustnessIT.class);

    private static byte[] header(int version, int type, int length, int xid) {
        return ByteBuffer.allocate(Math.max(8, length))
                .put((byte) version)
                .put((byte) type)
                .putShort((short) length)
                .putInt(xid)
                .array();
    }

    private static void roundTrip(DriverTestBed bed, EmulatedSwitch sw) throws Exception {
        FlowRule r = FlowRule.builder(sw.dpid()).priority(5).actions(FlowAction.output(1)).build();
        bed.controller
                .flowRuleService()
                .apply(sw.dpid(), List.of(FlowRuleOperation.add(r)))
                .get(5, TimeUnit.SECONDS);
    }

    @Test
    void garbageFromOneSwitchGetsErrorsAndOthersKeepWorking() throws Exception {
        try (DriverTestBed bed = new DriverTestBed()) {
            EmulatedSwitch bad = bed.connect(0x1, OFVersion.OF_13);
            EmulatedSwitch good = bed.connect(0x2, OFVersion.OF_13);

            bad.wire().sendRaw(header(4, 200, 8, 77)); // unknown type
            bad.wire().sendRaw(header(4, 14, 12, 78)); // FLOW_MOD cut to 12 bytes
            bad.wire().sendRaw(header(1, 0, 8, 79)); // wrong version for this channel
            DriverTestBed.waitUntil(
                    () -> bad.wire().received(OFBadRequestErrorMsg.class).size() == 3,
                    Duration.ofSeconds(5));
            assertThat(bad.wire().received(OFBadRequestErrorMsg.class))
                    .extracting(OFBadRequestErrorMsg::getXid, OFBadRequestErrorMsg::getCode)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(77L, OFBadRequestCode.BAD_TYPE),
                            org.assertj.core.groups.Tuple.tuple(78L, OFBadRequestCode.BAD_LEN),
                            org.assertj.core.groups.Tuple.tuple(79L, OFBadRequestCode.BAD_VERSION));
            // The misbehaving switch is still usable, and so is the other one.
            roundTrip(bed, bad);
            roundTrip(bed, good);

            // A header whose length is impossible breaks framing: that channel alone is closed.
            bad.wire().sendRaw(header(4, 0, 3, 80));
            DriverTestBed.waitUntil(() -> !bad.isConnected(), Duration.ofSeconds(5));
            roundTrip(bed, good);
            assertThat(bed.controller.deviceService().isConnected(good.dpid())).isTrue();
            assertThat(bed.controller.deviceService().isConnected(bad.dpid())).isFalse();
        }
    }

    @Test
    void twoHundredSwitchesConnectAtOnce() throws Exception {
        try (DriverTestBed bed = new DriverTestBed()) {
            List<EmulatedSwitch> all = new ArrayList<>();
            long start = System.nanoTime();
            List<CompletableFuture<EmulatedSwitch>> connecting = new ArrayList<>();
            for (int i = 1; i <= 200; i++) {
                EmulatedSwitch sw = EmulatedSwitch.builder(i).ports(4).record(false).build();
                all.add(sw);
                connecting.add(sw.connect("127.0.0.1", bed.port()));
            }
            try {
                CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new))
                        .get(20, TimeUnit.SECONDS);
                DriverTestBed.waitUntil(
                        () -> bed.controller.deviceService().getDevices().size() == 200,
                        Duration.ofSeconds(20));
                log.info(
                        "200 emulated switches finished their handshakes in {} ms",
                        (System.nanoTime() - start) / 1_000_000);
                for (EmulatedSwitch sw : all) {
                    assertThat(sw.awaitHandshake(Duration.ofSeconds(1))).isTrue();
                    assertThat(sw.table().flows()).hasSize(1);
                }
            } finally {
                all.forEach(EmulatedSwitch::close);
            }
        }
    }

    @Test
    void secondConnectionForLiveDpidIsRefused() throws Exception {
        try (DriverTestBed bed = new DriverTestBed()) {
            EmulatedSwitch first = bed.connect(0x42, OFVersion.OF_13);
            EmulatedSwitch impostor = EmulatedSwitch.builder(0x42).build();
            try {
                impostor.connect("127.0.0.1", bed.port()).get(5, TimeUnit.SECONDS);
                DriverTestBed.waitUntil(() -> !impostor.isConnected(), Duration.ofSeconds(5));
                assertThat(first.isConnected()).isTrue();
                assertThat(bed.controller.switches().get(first.dpid()))
                        .get()
                        .satisfies(s -> assertThat(s.isConnected()).isTrue());
                roundTrip(bed, first);
                assertThat(first.table().flows())
                        .anySatisfy(r -> assertThat(r.priority()).isEqualTo(5));
            } finally {
                impostor.close();
            }
        }
    }

    @Test
    void secondConnectionReplacesDeadChannel() throws Exception {
        try (DriverTestBed bed = new DriverTestBed()) {
            EmulatedSwitch first = bed.connect(0x43, OFVersion.OF_13);
            first.setSilent(true); // hung: no echo replies
            EmulatedSwitch second = bed.connect(EmulatedSwitch.builder(0x43).build());

            DriverTestBed.waitUntil(() -> !first.isConnected(), Duration.ofSeconds(5));
            assertThat(second.isConnected()).isTrue();
            roundTrip(bed, second);
            assertThat(second.table().flows())
                    .anySatisfy(r -> assertThat(r.priority()).isEqualTo(5));
            assertThat(bed.controller.deviceService().getDevices()).hasSize(1);
        }
    }
}
