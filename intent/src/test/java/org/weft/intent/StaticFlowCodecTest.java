package org.weft.intent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.net.Ip4Prefix;
import org.weft.net.MacAddress;
import org.weft.net.PortNumber;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;

/** The on-disk format of static flows: what earlier versions wrote still reads, and is written. */
class StaticFlowCodecTest {

    /** A document as Weft has written them (REST's DTO shape), with every kind of field. */
    private static final String WRITTEN =
            "{\"id\":\"4\",\"dpid\":\"00:00:00:00:00:00:00:01\",\"priority\":10,"
                    + "\"match\":{\"inPort\":1,\"ethSrc\":\"0a:00:00:00:00:01\",\"ethType\":2048,"
                    + "\"vlanVid\":7,\"ipProto\":6,\"ipv4Src\":\"10.0.0.0/24\","
                    + "\"ipv4Dst\":\"10.0.0.2\",\"tcpDst\":80},"
                    + "\"actions\":[{\"type\":\"POP_VLAN\"},"
                    + "{\"type\":\"SET_ETH_DST\",\"mac\":\"0a:00:00:00:00:02\"},"
                    + "{\"type\":\"OUTPUT\",\"port\":2},{\"type\":\"OUTPUT\",\"port\":\"CONTROLLER\"},"
                    + "{\"type\":\"GROUP\",\"groupId\":5}],"
                    + "\"idleTimeout\":30,\"hardTimeout\":60,\"cookie\":\"0x0010000000000004\"}";

    private static final FlowRule RULE =
            FlowRule.builder(Dpid.of(1))
                    .priority(10)
                    .match(
                            FlowMatch.builder()
                                    .inPort(PortNumber.of(1))
                                    .ethSrc(MacAddress.parse("0a:00:00:00:00:01"))
                                    .ethType(0x0800)
                                    .vlanVid(7)
                                    .ipProto(6)
                                    .ipv4Src(Ip4Prefix.parse("10.0.0.0/24"))
                                    .ipv4Dst(Ip4Prefix.parse("10.0.0.2/32"))
                                    .tcpDst(80)
                                    .build())
                    .actions(
                            new FlowAction.PopVlan(),
                            new FlowAction.SetEthDst(MacAddress.parse("0a:00:00:00:00:02")),
                            FlowAction.output(PortNumber.of(2)),
                            FlowAction.output(PortNumber.CONTROLLER),
                            FlowAction.group(5))
                    .idleTimeout(30)
                    .hardTimeout(60)
                    .cookie(0x0010000000000004L)
                    .build();

    @Test
    void aWrittenDocumentReadsAsItsRuleAndTheRuleWritesTheSameDocument() {
        assertThat(StaticFlowCodec.decode("4", WRITTEN)).isEqualTo(RULE);
        assertThat(StaticFlowCodec.encode(4, RULE)).isEqualTo(WRITTEN);
    }

    @Test
    void theInstalledFieldOfEarlyVersionsIsIgnoredAndAnAbsentMatchIsAny() {
        String early =
                "{\"id\":\"1\",\"dpid\":\"00:00:00:00:00:00:00:01\",\"priority\":10,"
                        + "\"match\":{},\"actions\":[],\"idleTimeout\":0,\"hardTimeout\":0,"
                        + "\"cookie\":\"0x0010000000000001\",\"installed\":true}";
        FlowRule r = StaticFlowCodec.decode("1", early);
        assertThat(r.match()).isEqualTo(FlowMatch.ANY);
        assertThat(r.actions()).isEmpty();
        assertThat(r.cookie()).isEqualTo(0x0010000000000001L);
        assertThat(StaticFlowCodec.decode("1", early.replace("\"match\":{},", "\"match\":null,")))
                .isEqualTo(r);
    }

    @Test
    void documentsThatAreNoStaticFlowAreRefusedWithTheReason() {
        assertThatThrownBy(() -> StaticFlowCodec.decode("4", "{not json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a static flow");
        assertThatThrownBy(() -> StaticFlowCodec.decode("5", WRITTEN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not its key 5");
        assertThatThrownBy(
                        () ->
                                StaticFlowCodec.decode(
                                        "4", WRITTEN.replace("\"priority\":10", "\"priority\":-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("priority");
        assertThatThrownBy(
                        () ->
                                StaticFlowCodec.decode(
                                        "4", WRITTEN.replace("\"vlanVid\"", "\"vlan\"")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                StaticFlowCodec.decode(
                                        "4", WRITTEN.replace("\"tcpDst\":80", "\"tcpDst\":\"80\"")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                StaticFlowCodec.decode(
                                        "4",
                                        WRITTEN.replace(
                                                "{\"type\":\"POP_VLAN\"}",
                                                "{\"type\":\"POP_VLAN\",\"port\":1}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not apply");
    }
}
