package org.weft.openflow.golden;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.weft.net.Dpid;
import org.weft.net.Ip4Prefix;
import org.weft.net.MacAddress;
import org.weft.net.PortNumber;
import org.weft.net.flow.Cookies;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.flow.Group;
import org.weft.net.flow.GroupOperation;
import org.weft.openflow.channel.CoreFlows;
import org.weft.openflow.translate.OfFlowMods;

/**
 * The flow-mods and group-mods of the golden fixtures: domain inputs (every match field Weft
 * writes, with distinct values in fields a symmetric bug could swap) through {@code translate.*}
 * with a fixed xid, then the pipeline's encoder.
 */
final class GoldenFlowCases {

    /** How a flow-mod is made from a domain operation: the driver's own, or a mutation of it. */
    @FunctionalInterface
    interface FlowModEncoder {
        OFMessage encode(OFFactory f, FlowRuleOperation op, long xid);
    }

    static final FlowModEncoder REAL = OfFlowMods::toFlowMod;

    static final long XID = 0x1234;
    static final Dpid DPID = Dpid.of(0x2a);

    /** A switch's buffer id above 2^31: the wire value is unsigned. */
    static final int BUFFER_ID = 0x80000102;

    static final MacAddress MAC_A = MacAddress.parse("00:00:00:00:0a:01");
    static final MacAddress MAC_B = MacAddress.parse("00:00:00:00:0b:02");

    private GoldenFlowCases() {}

    private record Named(String name, FlowRuleOperation op) {}

    static List<GoldenCase> flowMods(OFVersion v, FlowModEncoder encoder) {
        OFFactory f = OFFactories.getFactory(v);
        List<GoldenCase> out = new ArrayList<>();
        for (Named n : flowOperations(v)) {
            byte[] bytes = GoldenWire.encode(encoder.encode(f, n.op(), XID));
            out.add(new GoldenCase(dir(v) + "/" + n.name(), n.op().toString(), bytes));
        }
        return out;
    }

    /** The domain operation of a flow-mod fixture, e.g. {@code flow-add-l2}. */
    static FlowRuleOperation operation(OFVersion v, String name) {
        return flowOperations(v).stream()
                .filter(n -> n.name().equals(name))
                .findFirst()
                .orElseThrow()
                .op();
    }

    static List<GoldenCase> groupMods(OFVersion v) {
        if (v == OFVersion.OF_10) {
            return List.of(); // OpenFlow 1.0 has no groups; the driver refuses them
        }
        OFFactory f = OFFactories.getFactory(v);
        List<GoldenCase> out = new ArrayList<>();
        Group select =
                new Group(
                        DPID,
                        1,
                        Group.Type.SELECT,
                        List.of(
                                bucket(3, null, FlowAction.output(1)),
                                bucket(1, null, new FlowAction.SetEthDst(MAC_B), out(2))));
        Group failover =
                new Group(
                        DPID,
                        2,
                        Group.Type.FAST_FAILOVER,
                        List.of(
                                bucket(0, PortNumber.of(1), FlowAction.output(1)),
                                bucket(0, PortNumber.of(3), FlowAction.output(3))));
        Group all =
                new Group(
                        DPID,
                        3,
                        Group.Type.ALL,
                        List.of(
                                bucket(0, null, out(1)),
                                bucket(0, null, out(2)),
                                bucket(0, null, out(3))));
        Group indirect =
                new Group(
                        DPID,
                        4,
                        Group.Type.INDIRECT,
                        List.of(bucket(0, null, new FlowAction.SetEthSrc(MAC_A), out(5))));
        add(out, f, "group-add-select", new GroupOperation(GroupOperation.Type.ADD, select));
        add(out, f, "group-add-ff", new GroupOperation(GroupOperation.Type.ADD, failover));
        add(out, f, "group-add-all", new GroupOperation(GroupOperation.Type.ADD, all));
        add(out, f, "group-add-indirect", new GroupOperation(GroupOperation.Type.ADD, indirect));
        add(out, f, "group-modify-select", new GroupOperation(GroupOperation.Type.MODIFY, select));
        add(out, f, "group-delete-ff", new GroupOperation(GroupOperation.Type.REMOVE, failover));
        return out;
    }

    private static void add(List<GoldenCase> out, OFFactory f, String name, GroupOperation op) {
        byte[] bytes = GoldenWire.encode(OfFlowMods.toGroupMod(f, op, XID));
        out.add(new GoldenCase(dir(f.getVersion()) + "/" + name, op.toString(), bytes));
    }

    private static Group.Bucket bucket(int weight, PortNumber watch, FlowAction... actions) {
        return new Group.Bucket(weight, watch, List.of(actions));
    }

    private static FlowAction out(long port) {
        return FlowAction.output(port);
    }

    private static List<Named> flowOperations(OFVersion v) {
        boolean of10 = v == OFVersion.OF_10;
        FlowRule l2 =
                rule(1000, Cookies.make(Cookies.ROUTING_APP, 0x1234))
                        .match(
                                FlowMatch.builder()
                                        .inPort(PortNumber.of(1))
                                        .ethSrc(MAC_A)
                                        .ethDst(MAC_B)
                                        .build())
                        .actions(List.of(out(2)))
                        .idleTimeout(30)
                        .hardTimeout(300)
                        .build();
        FlowRule vlanPop =
                rule(2000, Cookies.make(Cookies.STEERING_APP, 7))
                        .match(
                                FlowMatch.builder()
                                        .inPort(PortNumber.of(3))
                                        .vlanVid(100)
                                        .ethDst(MAC_B)
                                        .build())
                        .actions(List.of(new FlowAction.PopVlan(), out(4)))
                        .build();
        List<FlowAction> tagging =
                of10
                        ? List.of(new FlowAction.SetVlanVid(200), out(6))
                        : List.of(
                                new FlowAction.PushVlan(), new FlowAction.SetVlanVid(200), out(6));
        FlowRule vlanTag =
                rule(2000, Cookies.make(Cookies.STEERING_APP, 8))
                        .match(FlowMatch.builder().inPort(PortNumber.of(5)).build())
                        .actions(tagging)
                        .build();
        FlowRule tcp =
                rule(3000, Cookies.make(Cookies.STATIC_FLOW_APP, 0xbeef))
                        .match(
                                FlowMatch.builder()
                                        .ethType(FlowMatch.ETH_TYPE_IPV4)
                                        .ipProto(FlowMatch.IP_PROTO_TCP)
                                        .ipv4Src(Ip4Prefix.parse("10.0.1.0/24"))
                                        .ipv4Dst(Ip4Prefix.parse("10.0.2.5"))
                                        .tcpSrc(40000)
                                        .tcpDst(80)
                                        .build())
                        .actions(
                                List.of(
                                        new FlowAction.SetEthSrc(MAC_A),
                                        new FlowAction.SetEthDst(MAC_B),
                                        out(7)))
                        .idleTimeout(10)
                        .build();
        FlowRule udp =
                rule(40000, Cookies.make(Cookies.STATIC_FLOW_APP, 0xcafe))
                        .match(
                                FlowMatch.builder()
                                        .inPort(PortNumber.of(2))
                                        .ethType(FlowMatch.ETH_TYPE_IPV4)
                                        .ipProto(FlowMatch.IP_PROTO_UDP)
                                        .ipv4Src(Ip4Prefix.parse("192.168.1.7"))
                                        .ipv4Dst(Ip4Prefix.parse("172.16.0.0/12"))
                                        .udpSrc(68)
                                        .udpDst(67)
                                        .build())
                        .actions(List.of(FlowAction.output(PortNumber.CONTROLLER)))
                        .hardTimeout(60)
                        .build();
        FlowRule drop =
                rule(10, Cookies.make(Cookies.STATIC_FLOW_APP, 1))
                        .match(FlowMatch.builder().ethSrc(MAC_A).build())
                        .build();
        FlowRule arp =
                CoreFlows.packetRequest(
                        DPID, FlowMatch.builder().ethType(FlowMatch.ETH_TYPE_ARP).build(), 40000);
        FlowRule modified =
                rule(1000, Cookies.make(Cookies.ROUTING_APP, 0x1234))
                        .match(l2.match())
                        .actions(List.of(out(3)))
                        .idleTimeout(30)
                        .hardTimeout(300)
                        .build();
        List<Named> ops = new ArrayList<>();
        ops.add(new Named("flow-add-l2", FlowRuleOperation.add(l2)));
        ops.add(new Named("flow-add-vlan-pop", FlowRuleOperation.add(vlanPop)));
        ops.add(new Named(of10 ? "flow-add-vlan-set" : "flow-add-vlan-push", add(vlanTag)));
        ops.add(new Named("flow-add-ipv4-tcp", FlowRuleOperation.add(tcp)));
        ops.add(new Named("flow-add-ipv4-udp", FlowRuleOperation.add(udp)));
        ops.add(new Named("flow-add-drop", FlowRuleOperation.add(drop)));
        ops.add(new Named("flow-add-arp-to-controller", FlowRuleOperation.add(arp)));
        ops.add(
                new Named(
                        "flow-modify-strict",
                        new FlowRuleOperation(FlowRuleOperation.Type.MODIFY, modified)));
        ops.add(new Named("flow-delete-strict", FlowRuleOperation.remove(l2)));
        FlowRule route =
                rule(1000, Cookies.make(Cookies.ROUTING_APP, 0x1235))
                        .match(FlowMatch.builder().ethDst(MAC_B).build())
                        .actions(List.of(out(2)))
                        .build();
        ops.add(
                new Named(
                        "flow-add-buffered",
                        FlowRuleOperation.addReleasing(route, OptionalInt.of(BUFFER_ID))));
        if (!of10) {
            FlowRule toGroup =
                    rule(500, Cookies.make(Cookies.ROUTING_APP, 0x99))
                            .table(1)
                            .match(
                                    FlowMatch.builder()
                                            .ethType(FlowMatch.ETH_TYPE_IPV4)
                                            .ipv4Dst(Ip4Prefix.parse("10.0.0.0/8"))
                                            .build())
                            .actions(List.of(FlowAction.group(7)))
                            .build();
            ops.add(new Named("flow-add-group", FlowRuleOperation.add(toGroup)));
        }
        return ops;
    }

    private static FlowRuleOperation add(FlowRule r) {
        return FlowRuleOperation.add(r);
    }

    private static FlowRule.Builder rule(int priority, long cookie) {
        return FlowRule.builder(DPID).priority(priority).cookie(cookie);
    }

    static String dir(OFVersion v) {
        return switch (v) {
            case OF_10 -> "of10";
            case OF_13 -> "of13";
            default -> v.name().toLowerCase(java.util.Locale.ROOT).replace("_", "");
        };
    }
}
