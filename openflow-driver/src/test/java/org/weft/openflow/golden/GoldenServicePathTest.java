package org.weft.openflow.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.weft.net.Dpid;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.openflow.OfConfig;
import org.weft.openflow.channel.SwitchScript;
import org.weft.openflow.provider.OfFlowRuleManager;

/**
 * The flow-mod fixtures are made with {@code translate.*} and a fixed xid; the service the apps
 * call ({@link OfFlowRuleManager}) sends the same bytes with the switch's own xid, then a barrier.
 */
class GoldenServicePathTest {

    @ParameterizedTest
    @EnumSource(
            value = OFVersion.class,
            names = {"OF_10", "OF_13"})
    void aBatchFromTheFlowRuleServiceIsTheFixturesFlowModThenABarrier(OFVersion v) {
        String name = "flow-add-ipv4-tcp";
        FlowRuleOperation op = GoldenFlowCases.operation(v, name);
        GoldenCase fixture = new GoldenCase(GoldenFlowCases.dir(v) + "/" + name, name, new byte[0]);
        byte[] expected = GoldenFixtures.read(fixture).orElseThrow();
        try (SwitchScript s = SwitchScript.connect(OfConfig.defaults())) {
            // One table: no policy stage, logical tables are the fixtures' physical ones.
            s.handshake(v, GoldenFlowCases.DPID.value(), 1, 1);
            s.frames();
            new OfFlowRuleManager(s.registry()).apply(Dpid.of(0x2a), List.of(op));
            List<byte[]> frames = s.frames();
            assertThat(frames).hasSize(2);
            byte[] flowMod = frames.get(0);
            assertThat(ByteBuffer.wrap(flowMod).getInt(4)).as("xid").isEqualTo(0x100);
            ByteBuffer.wrap(flowMod).putInt(4, (int) GoldenFlowCases.XID);
            assertThat(GoldenFixtures.mismatch(fixture, flowMod)).isEmpty();
            assertThat(frames.get(1)[1]).as("OFPT_BARRIER_REQUEST").isEqualTo(barrierType(v));
        }
    }

    /**
     * On a switch with a policy stage (OpenFlow 1.3, 254 tables as Open vSwitch reports) the same
     * rule is the fixture's bytes with one difference: table_id (byte 24) is 1, not 0.
     */
    @org.junit.jupiter.api.Test
    void withAPolicyStageTheSameFlowModGoesToPhysicalTableOne() {
        String name = "flow-add-ipv4-tcp";
        FlowRuleOperation op = GoldenFlowCases.operation(OFVersion.OF_13, name);
        GoldenCase fixture =
                new GoldenCase(
                        GoldenFlowCases.dir(OFVersion.OF_13) + "/" + name, name, new byte[0]);
        byte[] expected = GoldenFixtures.read(fixture).orElseThrow();
        try (SwitchScript s = SwitchScript.connect(OfConfig.defaults())) {
            s.handshake(OFVersion.OF_13, GoldenFlowCases.DPID.value(), 1, 254);
            s.frames();
            new OfFlowRuleManager(s.registry()).apply(Dpid.of(0x2a), List.of(op));
            byte[] flowMod = s.frames().get(0);
            ByteBuffer.wrap(flowMod).putInt(4, (int) GoldenFlowCases.XID);
            assertThat(flowMod[24]).as("table_id").isEqualTo((byte) 1);
            flowMod[24] = 0;
            assertThat(flowMod).isEqualTo(expected);
        }
    }

    private static byte barrierType(OFVersion v) {
        return (byte) (v == OFVersion.OF_10 ? 18 : 20);
    }
}
