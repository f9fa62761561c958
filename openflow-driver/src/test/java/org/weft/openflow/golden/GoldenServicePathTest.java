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
            s.handshake(v, GoldenFlowCases.DPID.value(), 1);
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

    private static byte barrierType(OFVersion v) {
        return (byte) (v == OFVersion.OF_10 ? 18 : 20);
    }
}
