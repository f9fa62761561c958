package org.weft.net.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.weft.net.MacAddress;
import org.weft.net.PortNumber;

class FlowMatchTest {

    @Test
    void aDestinationOnlyMatchIsTheBuildersMatchOnThatField() {
        MacAddress mac = MacAddress.parse("0a:00:00:00:00:07");
        FlowMatch fast = FlowMatch.ethDstOnly(mac);
        assertThat(fast).isEqualTo(FlowMatch.builder().ethDst(mac).build());
        assertThat(fast.ethDst()).isEqualTo(mac);
        assertThat(fast.ethSrc()).isNull();
        assertThat(fast.inPort()).isNull();
    }

    @Test
    void onlyAnExactDestinationAloneHasTheDestinationOnlyShape() {
        MacAddress mac = MacAddress.parse("0a:00:00:00:00:07");
        assertThat(FlowMatch.ethDstOnly(mac).isEthDstOnly()).isTrue();
        assertThat(FlowMatch.ANY.isEthDstOnly()).isFalse();
        assertThat(FlowMatch.builder().ethDst(mac).inPort(PortNumber.of(1)).build().isEthDstOnly())
                .isFalse();
        assertThat(FlowMatch.builder().ethDst(mac).vlanVid(5).build().isEthDstOnly()).isFalse();
        assertThat(
                        FlowMatch.builder()
                                .ethDst(mac)
                                .ethType(FlowMatch.ETH_TYPE_IPV4)
                                .ipProto(FlowMatch.IP_PROTO_UDP)
                                .udpDst(53)
                                .build()
                                .isEthDstOnly())
                .isFalse();
    }
}
