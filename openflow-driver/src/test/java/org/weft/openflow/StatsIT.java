package org.weft.openflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.projectfloodlight.openflow.protocol.OFFlowStatsRequest;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.U64;
import org.weft.net.DeviceNotConnectedException;
import org.weft.net.Dpid;
import org.weft.net.MacAddress;
import org.weft.net.PortNumber;
import org.weft.net.flow.Cookies;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.flow.Group;
import org.weft.net.flow.GroupOperation;
import org.weft.net.stats.FlowEntry;
import org.weft.net.stats.PortStatistics;
import org.weft.openflow.channel.CoreFlows;
import org.weft.openflow.emulator.EmulatedSwitch;
import org.weft.openflow.emulator.OpenFlowVersion;

class StatsIT {

    @ParameterizedTest
    @EnumSource(
            value = OFVersion.class,
            names = {"OF_10", "OF_13"})
    void flowStatsListEveryEntryAcrossMultipartReplies(OFVersion v) throws Exception {
        try (DriverTestBed bed = new DriverTestBed()) {
            EmulatedSwitch sw = bed.connect(0x5, v);
            List<FlowRuleOperation> ops = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                ops.add(
                        FlowRuleOperation.add(
                                FlowRule.builder(sw.dpid())
                                        .priority(1000)
                                        .match(
                                                FlowMatch.builder()
                                                        .ethDst(MacAddress.of(0x0a0000000000L + i))
                                                        .build())
                                        .actions(FlowAction.output(1 + i % 3))
                                        .cookie(Cookies.make(7, i))
                                        .build()));
            }
            bed.controller.flowRuleService().apply(sw.dpid(), ops).get(5, TimeUnit.SECONDS);

            List<FlowEntry> entries =
                    bed.controller
                            .statsService()
                            .getFlowEntries(sw.dpid())
                            .get(5, TimeUnit.SECONDS);

            int driverFlows = v == OFVersion.OF_10 ? 0 : 1; // the OF1.3 table-miss entry
            assertThat(entries).hasSize(250 + driverFlows);
            assertThat(entries)
                    .filteredOn(e -> e.appId() == 7)
                    .extracting(FlowEntry::rule)
                    .containsExactlyInAnyOrderElementsOf(
                            ops.stream().map(FlowRuleOperation::rule).toList());
        }
    }

    private static FlowRule appRule(Dpid dpid, int appId, int i) {
        return FlowRule.builder(dpid)
                .priority(1000)
                .match(FlowMatch.builder().ethDst(MacAddress.of(0x0a0000000000L + i)).build())
                .actions(FlowAction.output(1))
                .cookie(Cookies.make(appId, i))
                .build();
    }

    @ParameterizedTest
    @EnumSource(
            value = OFVersion.class,
            names = {"OF_10", "OF_13"})
    void oneAppsFlowEntriesOnly(OFVersion v) throws Exception {
        try (DriverTestBed bed = new DriverTestBed()) {
            EmulatedSwitch sw = bed.connect(0x7, v);
            List<FlowRule> mine = new ArrayList<>();
            List<FlowRuleOperation> ops = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                mine.add(appRule(sw.dpid(), 7, i));
                ops.add(FlowRuleOperation.add(mine.get(i)));
                // Another app's entries.
                ops.add(FlowRuleOperation.add(appRule(sw.dpid(), 9, 10 + i)));
            }
            // An app whose id shares 7's low byte: only a full 16-bit mask leaves it out.
            ops.add(FlowRuleOperation.add(appRule(sw.dpid(), 0x107, 20)));
            assertThat(
                            bed.controller
                                    .flowRuleService()
                                    .apply(sw.dpid(), ops)
                                    .get(5, TimeUnit.SECONDS)
                                    .ok())
                    .isTrue();
            sw.wire().clearReceived();

            List<FlowEntry> entries =
                    bed.controller
                            .statsService()
                            .getFlowEntries(sw.dpid(), 7)
                            .get(5, TimeUnit.SECONDS);

            assertThat(entries)
                    .extracting(FlowEntry::rule)
                    .containsExactlyInAnyOrderElementsOf(mine);
            List<OFFlowStatsRequest> asked = sw.wire().received(OFFlowStatsRequest.class);
            assertThat(asked).hasSize(1);
            if (v == OFVersion.OF_13) {
                // The switch is asked for app 7's entries only, not for every entry.
                assertThat(asked.get(0).getCookie()).isEqualTo(U64.of(Cookies.make(7, 0)));
                assertThat(asked.get(0).getCookieMask()).isEqualTo(U64.of(0xffff_0000_0000_0000L));
                assertThat(
                                bed.controller
                                        .statsService()
                                        .getFlowEntries(sw.dpid(), Cookies.CORE_APP)
                                        .get(5, TimeUnit.SECONDS))
                        .extracting(FlowEntry::rule)
                        .containsExactly(CoreFlows.tableMiss(sw.dpid()));
            }
        }
    }

    /** 400 groups of 28 buckets: about 360 KiB, more than one message's 16-bit length holds. */
    @Test
    void groupDescriptionsListEveryGroupAcrossMultipartReplies() throws Exception {
        try (DriverTestBed bed = new DriverTestBed()) {
            EmulatedSwitch sw =
                    bed.connect(
                            EmulatedSwitch.builder(0x7)
                                    .version(OpenFlowVersion.OF_13)
                                    .ports(28)
                                    .build());
            List<Group> groups = new ArrayList<>();
            for (int id = 1; id <= 400; id++) {
                List<Group.Bucket> buckets = new ArrayList<>();
                for (int p = 1; p <= 28; p++) {
                    buckets.add(new Group.Bucket(1, null, List.of(FlowAction.output(p))));
                }
                groups.add(new Group(sw.dpid(), id, Group.Type.SELECT, buckets));
            }
            groups.forEach(sw.table()::putGroup);

            assertThat(bed.controller.statsService().getGroups(sw.dpid()).get(5, TimeUnit.SECONDS))
                    .containsExactlyInAnyOrderElementsOf(groups);
            assertThat(sw.isConnected()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = OFVersion.class,
            names = {"OF_10", "OF_13"})
    void portStatsAndGroups(OFVersion v) throws Exception {
        try (DriverTestBed bed = new DriverTestBed()) {
            EmulatedSwitch sw =
                    bed.connect(
                            EmulatedSwitch.builder(0x6)
                                    .version(DriverTestBed.emulated(v))
                                    .ports(3)
                                    .build());
            List<PortStatistics> ports =
                    bed.controller
                            .statsService()
                            .getPortStatistics(sw.dpid())
                            .get(5, TimeUnit.SECONDS);
            assertThat(ports)
                    .extracting(PortStatistics::port)
                    .containsExactlyInAnyOrder(
                            PortNumber.of(1), PortNumber.of(2), PortNumber.of(3));
            if (v == OFVersion.OF_13) {
                Group g =
                        new Group(
                                sw.dpid(),
                                3,
                                Group.Type.ALL,
                                List.of(
                                        new Group.Bucket(0, null, List.of(FlowAction.output(1))),
                                        new Group.Bucket(0, null, List.of(FlowAction.output(2)))));
                bed.controller
                        .groupService()
                        .applyGroups(
                                sw.dpid(), List.of(new GroupOperation(GroupOperation.Type.ADD, g)))
                        .get(5, TimeUnit.SECONDS);
                assertThat(
                                bed.controller
                                        .statsService()
                                        .getGroups(sw.dpid())
                                        .get(5, TimeUnit.SECONDS))
                        .containsExactly(g);
            } else {
                assertThat(
                                bed.controller
                                        .statsService()
                                        .getGroups(sw.dpid())
                                        .get(5, TimeUnit.SECONDS))
                        .isEmpty();
            }
            assertThatThrownBy(
                            () ->
                                    bed.controller
                                            .statsService()
                                            .getFlowEntries(Dpid.of(404))
                                            .get(1, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(DeviceNotConnectedException.class);
        }
    }
}
