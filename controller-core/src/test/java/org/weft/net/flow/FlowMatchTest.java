package org.weft.net.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.weft.net.MacAddress;

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
}
