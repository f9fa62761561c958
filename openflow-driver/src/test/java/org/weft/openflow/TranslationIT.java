package org.weft.openflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.weft.net.Ip4Prefix;
import org.weft.net.MacAddress;
import org.weft.net.PortNumber;
import org.weft.net.flow.BatchResult;
import org.weft.net.flow.Cookies;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.flow.Group;
import org.weft.net.flow.GroupOperation;
import org.weft.net.stats.FlowEntry;
import org.weft.openflow.emulator.EmulatedSwitch;

/**
 * The driver's translation checked against the emulator's, which is written independently: every
 * match field and action Weft has, on OpenFlow 1.0 and 1.3, arrives in the emulated table exactly
 * as sent (the driver's encoding read by the emulator's decoding) and reads back through flow stats
 * and group descriptions exactly as sent (the emulator's encoding read by the driver's decoding).
 * Every field has a value no other field of its kind has, so a swapped field fails here.
 */
class TranslationIT {

    static final int APP = 0x33;
    static final MacAddress A = MacAddress.parse("0a:00:00:00:00:0a");
    static final MacAddress B = MacAddress.parse("0a:00:00:00:00:0b");
    static final MacAddress C = MacAddress.parse("0a:00:00:00:00:0c");
    static final MacAddress D = MacAddress.parse("0a:00:00:00:00:0d");

    static final List<FlowMatch> MATCHES =
            List.of(
                    FlowMatch.builder()
                            .inPort(PortNumber.of(3))
                            .ethSrc(A)
                            .ethDst(B)
                            .ethType(FlowMatch.ETH_TYPE_IPV4)
                            .vlanVid(100)
                            .ipProto(FlowMatch.IP_PROTO_TCP)
                            .ipv4Src(Ip4Prefix.parse("10.1.0.0/16"))
                            .ipv4Dst(Ip4Prefix.parse("10.2.3.4"))
                            .tcpSrc(1234)
                            .tcpDst(80)
                            .build(),
                    FlowMatch.builder()
                            .ethType(FlowMatch.ETH_TYPE_IPV4)
                            .ipProto(FlowMatch.IP_PROTO_UDP)
                            .ipv4Src(Ip4Prefix.parse("192.168.1.7"))
                            .ipv4Dst(Ip4Prefix.parse("172.16.0.0/12"))
                            .udpSrc(53)
                            .udpDst(5353)
                            .build(),
                    FlowMatch.builder().inPort(PortNumber.of(1)).ethType(0x0806).build(),
                    FlowMatch.ANY);

    static List<List<FlowAction>> actions(OFVersion v) {
        List<List<FlowAction>> out = new ArrayList<>();
        out.add(List.of(new FlowAction.SetEthSrc(C), new FlowAction.SetEthDst(D), out(2)));
        out.add(List.of(new FlowAction.SetVlanVid(200), FlowAction.output(PortNumber.CONTROLLER)));
        out.add(List.of(new FlowAction.PopVlan(), FlowAction.output(PortNumber.FLOOD), out(4)));
        out.add(List.of());
        if (v == OFVersion.OF_13) {
            out.add(
                    List.of(
                            new FlowAction.PushVlan(),
                            new FlowAction.SetVlanVid(300),
                            FlowAction.group(7)));
        }
        return out;
    }

    private static FlowAction out(int port) {
        return FlowAction.output(port);
    }

    /**
     * Every match with every action list, each rule told apart by priority, cookie and timeouts.
     */
    static List<FlowRule> rules(EmulatedSwitch sw, OFVersion v) {
        List<FlowRule> rules = new ArrayList<>();
        for (FlowMatch m : MATCHES) {
            for (List<FlowAction> a : actions(v)) {
                int i = rules.size();
                rules.add(
                        FlowRule.builder(sw.dpid())
                                .priority(200 + i)
                                .match(m)
                                .actions(a)
                                .idleTimeout(i)
                                .hardTimeout(1000 + i)
                                .cookie(Cookies.make(APP, 0x100 + i))
                                .build());
            }
        }
        return rules;
    }

    @Test
    void everyMatchFieldAndActionArrivesAsSentAndReadsBackAsSent() throws Exception {
        try (DriverTestBed bed = new DriverTestBed()) {
            for (OFVersion v : List.of(OFVersion.OF_10, OFVersion.OF_13)) {
                EmulatedSwitch sw = bed.connect(v == OFVersion.OF_10 ? 0x10 : 0x13, v);
                List<FlowRule> rules = rules(sw, v);
                BatchResult result =
                        bed.controller
                                .flowRuleService()
                                .apply(
                                        sw.dpid(),
                                        rules.stream().map(FlowRuleOperation::add).toList())
                                .get(5, TimeUnit.SECONDS);
                assertThat(result.ok()).as("%s: %s", v, result).isTrue();

                assertThat(sw.table().flows())
                        .as("%s: what the switch holds", v)
                        .filteredOn(r -> Cookies.appId(r.cookie()) == APP)
                        .containsExactlyInAnyOrderElementsOf(rules);
                List<FlowEntry> read =
                        bed.controller
                                .statsService()
                                .getFlowEntries(sw.dpid(), APP)
                                .get(5, TimeUnit.SECONDS);
                assertThat(read)
                        .as("%s: what the driver reads back", v)
                        .extracting(FlowEntry::rule)
                        .filteredOn(r -> Cookies.appId(r.cookie()) == APP)
                        .containsExactlyInAnyOrderElementsOf(rules);
            }
        }
    }

    @Test
    void everyGroupTypeArrivesAsSentAndReadsBackAsSent() throws Exception {
        try (DriverTestBed bed = new DriverTestBed()) {
            EmulatedSwitch sw = bed.connect(0x13, OFVersion.OF_13);
            List<Group> groups =
                    List.of(
                            new Group(
                                    sw.dpid(),
                                    1,
                                    Group.Type.ALL,
                                    List.of(
                                            new Group.Bucket(0, null, List.of(out(1))),
                                            new Group.Bucket(
                                                    0,
                                                    null,
                                                    List.of(new FlowAction.SetEthDst(D), out(2))))),
                            new Group(
                                    sw.dpid(),
                                    2,
                                    Group.Type.SELECT,
                                    List.of(
                                            new Group.Bucket(1, null, List.of(out(3))),
                                            new Group.Bucket(3, null, List.of(out(4))))),
                            new Group(
                                    sw.dpid(),
                                    3,
                                    Group.Type.INDIRECT,
                                    List.of(
                                            new Group.Bucket(
                                                    0,
                                                    null,
                                                    List.of(
                                                            new FlowAction.SetVlanVid(42),
                                                            out(1))))),
                            new Group(
                                    sw.dpid(),
                                    4,
                                    Group.Type.FAST_FAILOVER,
                                    List.of(
                                            new Group.Bucket(0, PortNumber.of(2), List.of(out(2))),
                                            new Group.Bucket(
                                                    0, PortNumber.of(3), List.of(out(3))))));
            BatchResult result =
                    bed.controller
                            .groupService()
                            .applyGroups(
                                    sw.dpid(),
                                    groups.stream()
                                            .map(
                                                    g ->
                                                            new GroupOperation(
                                                                    GroupOperation.Type.ADD, g))
                                            .toList())
                            .get(5, TimeUnit.SECONDS);
            assertThat(result.ok()).as("%s", result).isTrue();

            assertThat(sw.table().groups())
                    .as("what the switch holds")
                    .containsExactlyInAnyOrderElementsOf(groups);
            assertThat(bed.controller.statsService().getGroups(sw.dpid()).get(5, TimeUnit.SECONDS))
                    .as("what the driver reads back")
                    .containsExactlyInAnyOrderElementsOf(groups);
        }
    }
}
