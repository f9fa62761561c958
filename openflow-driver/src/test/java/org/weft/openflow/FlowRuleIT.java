package org.weft.openflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.weft.net.DeviceNotConnectedException;
import org.weft.net.Dpid;
import org.weft.net.MacAddress;
import org.weft.net.PortNumber;
import org.weft.net.SwitchErrorException;
import org.weft.net.flow.BatchResult;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.flow.Group;
import org.weft.net.flow.GroupOperation;
import org.weft.openflow.emulator.EmulatedSwitch;
import org.weft.openflow.emulator.FlowModError;
import org.weft.openflow.emulator.PacketHeaders;

class FlowRuleIT {

    private static final MacAddress H1 = MacAddress.parse("0a:00:00:00:00:01");
    private static final MacAddress H2 = MacAddress.parse("0a:00:00:00:00:02");

    private static FlowRule toH2(Dpid dpid, FlowAction action) {
        return FlowRule.builder(dpid)
                .priority(1000)
                .match(FlowMatch.builder().ethDst(H2).build())
                .actions(action)
                .cookie(0x0002_0000_0000_0007L)
                .build();
    }

    @Test
    void flowModAndBarrierRoundTripOnBothVersions() throws Exception {
        try (DriverTestBed bed = new DriverTestBed()) {
            for (OFVersion v : List.of(OFVersion.OF_10, OFVersion.OF_13)) {
                EmulatedSwitch sw = bed.connect(v == OFVersion.OF_10 ? 0x10 : 0x13, v);
                FlowRule rule = toH2(sw.dpid(), FlowAction.output(3));

                bed.controller
                        .flowRuleService()
                        .apply(sw.dpid(), List.of(FlowRuleOperation.add(rule)))
                        .get(5, TimeUnit.SECONDS);

                // Confirmed by the barrier: the entry is in the switch's table already.
                PacketHeaders p = PacketHeaders.ethernet(PortNumber.of(1), H1, H2, 0x0800);
                assertThat(sw.outputs(p)).containsExactly(PortNumber.of(3));
                assertThat(sw.table().flows()).contains(rule);

                bed.controller
                        .flowRuleService()
                        .apply(sw.dpid(), List.of(FlowRuleOperation.remove(rule)))
                        .get(5, TimeUnit.SECONDS);
                assertThat(sw.table().flows()).doesNotContain(rule);
            }
        }
    }

    @Test
    void switchErrorIsListedInTheResultWithDecodedNames() throws Exception {
        try (DriverTestBed bed = new DriverTestBed()) {
            EmulatedSwitch sw = bed.connect(0x1, OFVersion.OF_13);
            sw.rejectFlowModsWith(FlowModError.TABLE_FULL);
            FlowRule rule = toH2(sw.dpid(), FlowAction.output(2));
            sw.wire().clearReceived(); // the handshake's table-miss flow-mod

            // A rejection is an outcome the switch told us: the future completes with it.
            BatchResult result =
                    bed.controller
                            .flowRuleService()
                            .apply(sw.dpid(), List.of(FlowRuleOperation.add(rule)))
                            .get(5, TimeUnit.SECONDS);

            assertThat(result.ok()).isFalse();
            assertThat(result.size()).isEqualTo(1);
            assertThat(result.confirmedCount()).isZero();
            assertThat(result.failures()).containsOnlyKeys(0);
            SwitchErrorException e = result.failures().get(0);
            assertThat(e.errorType()).isEqualTo("FLOW_MOD_FAILED");
            assertThat(e.errorCode()).isEqualTo("TABLE_FULL");
            assertThat(e.dpid()).isEqualTo(sw.dpid());
            assertThat(e.xid()).isEqualTo(sw.wire().received(OFFlowMod.class).get(0).getXid());
            assertThatThrownBy(result::orThrow).isSameAs(e);
            assertThat(sw.table().flows()).doesNotContain(rule);

            // The switch stays usable for the next batch.
            sw.rejectFlowModsWith(null);
            BatchResult next =
                    bed.controller
                            .flowRuleService()
                            .apply(sw.dpid(), List.of(FlowRuleOperation.add(rule)))
                            .get(5, TimeUnit.SECONDS);
            assertThat(next.ok()).isTrue();
            assertThat(next.confirmedCount()).isEqualTo(1);
            assertThat(sw.table().flows()).contains(rule);
        }
    }

    @Test
    void unknownSwitchFailsWithoutSending() {
        try (DriverTestBed bed = new DriverTestBed()) {
            var future =
                    bed.controller
                            .flowRuleService()
                            .apply(
                                    Dpid.of(99),
                                    List.of(
                                            FlowRuleOperation.add(
                                                    toH2(Dpid.of(99), FlowAction.output(1)))));
            assertThatThrownBy(() -> future.get(1, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(DeviceNotConnectedException.class);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void groupsInstallOnOf13AndAreRefusedOnOf10() throws Exception {
        try (DriverTestBed bed = new DriverTestBed()) {
            EmulatedSwitch of13 = bed.connect(0x13, OFVersion.OF_13);
            EmulatedSwitch of10 = bed.connect(0x10, OFVersion.OF_10);
            Group select =
                    new Group(
                            of13.dpid(),
                            7,
                            Group.Type.SELECT,
                            List.of(
                                    new Group.Bucket(10, null, List.of(FlowAction.output(1))),
                                    new Group.Bucket(1, null, List.of(FlowAction.output(2)))));

            bed.controller
                    .groupService()
                    .applyGroups(
                            of13.dpid(),
                            List.of(new GroupOperation(GroupOperation.Type.ADD, select)))
                    .get(5, TimeUnit.SECONDS);
            bed.controller
                    .flowRuleService()
                    .apply(
                            of13.dpid(),
                            List.of(FlowRuleOperation.add(toH2(of13.dpid(), FlowAction.group(7)))))
                    .get(5, TimeUnit.SECONDS);

            assertThat(of13.table().group(7)).contains(select);
            assertThat(of13.outputs(PacketHeaders.ethernet(PortNumber.of(3), H1, H2, 0x0800)))
                    .containsExactlyInAnyOrder(PortNumber.of(1), PortNumber.of(2));

            var refused =
                    bed.controller
                            .groupService()
                            .applyGroups(
                                    of10.dpid(),
                                    List.of(new GroupOperation(GroupOperation.Type.ADD, select)));
            assertThatThrownBy(() -> refused.get(1, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(UnsupportedOperationException.class);
            var groupAction =
                    bed.controller
                            .flowRuleService()
                            .apply(
                                    of10.dpid(),
                                    List.of(
                                            FlowRuleOperation.add(
                                                    toH2(of10.dpid(), FlowAction.group(7)))));
            assertThatThrownBy(() -> groupAction.get(1, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1.3");
            assertThat(of10.counters().flowMods.sum())
                    .as("nothing sent for a rejected batch")
                    .isZero();
        }
    }

    @Test
    void fastFailoverGroupFollowsPortLiveness() throws Exception {
        try (DriverTestBed bed = new DriverTestBed()) {
            EmulatedSwitch sw = bed.connect(0x5, OFVersion.OF_13);
            Group ff =
                    new Group(
                            sw.dpid(),
                            1,
                            Group.Type.FAST_FAILOVER,
                            List.of(
                                    new Group.Bucket(
                                            0, PortNumber.of(1), List.of(FlowAction.output(1))),
                                    new Group.Bucket(
                                            0, PortNumber.of(2), List.of(FlowAction.output(2)))));
            bed.controller
                    .groupService()
                    .applyGroups(
                            sw.dpid(), List.of(new GroupOperation(GroupOperation.Type.ADD, ff)))
                    .get(5, TimeUnit.SECONDS);
            bed.controller
                    .flowRuleService()
                    .apply(
                            sw.dpid(),
                            List.of(FlowRuleOperation.add(toH2(sw.dpid(), FlowAction.group(1)))))
                    .get(5, TimeUnit.SECONDS);
            PacketHeaders p = PacketHeaders.ethernet(PortNumber.of(3), H1, H2, 0x0800);

            assertThat(sw.outputs(p)).containsExactly(PortNumber.of(1));
            sw.setPortLive(PortNumber.of(1), false);
            assertThat(sw.outputs(p)).containsExactly(PortNumber.of(2));
        }
    }
}
