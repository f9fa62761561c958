package org.weft.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.weft.net.Ip4Address;
import org.weft.net.MacAddress;
import org.weft.net.PortNumber;
import org.weft.net.flow.FlowMatch;
import org.weft.net.policy.AclRule;
import org.weft.net.policy.PolicyException;
import org.weft.net.policy.PolicyMatch;
import org.weft.net.policy.RateLimit;

class PolicyValidationTest {

    private static PolicyMatch ports(Integer proto, Integer tcpDst, Integer udpDst) {
        return new PolicyMatch(null, null, null, null, null, proto, null, tcpDst, null, udpDst);
    }

    private static void invalid(Runnable r, String message) {
        assertThatThrownBy(r::run)
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((PolicyException) e).kind())
                .isEqualTo(PolicyException.Kind.INVALID);
    }

    @Test
    void portsImplyTheirProtocol() {
        assertThat(ports(null, 5201, null).ipProto()).isEqualTo(FlowMatch.IP_PROTO_TCP);
        assertThat(ports(null, null, 53).ipProto()).isEqualTo(FlowMatch.IP_PROTO_UDP);
    }

    @Test
    void contradictionsAndRangesAreRefused() {
        invalid(() -> ports(17, 80, null), "TCP ports need ipProto 6");
        invalid(() -> ports(null, 80, 53), "TCP and UDP");
        invalid(() -> ports(null, 70000, null), "tcpDst 70000");
        invalid(() -> ports(300, null, null), "ipProto 300");
        invalid(
                () ->
                        new PolicyMatch(
                                PortNumber.CONTROLLER,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null),
                "not a physical port");
    }

    @Test
    void idsOrdersAndRatesAreChecked() {
        invalid(() -> new AclRule("a b", AclRule.Action.DENY, 1, PolicyMatch.ANY), "id 'a b'");
        invalid(() -> new AclRule("a", AclRule.Action.DENY, 10000, PolicyMatch.ANY), "order");
        MacAddress mac = MacAddress.parse("00:00:00:00:00:01");
        invalid(() -> new RateLimit("r", mac, null, null, 0, 0), "rateKbps 0");
        invalid(() -> new RateLimit("r", mac, null, null, 10, -1), "burstKb -1");
        invalid(
                () -> new RateLimit("r", mac, Ip4Address.parse("10.0.0.1"), null, 10, 0),
                "exactly one");
        invalid(() -> new RateLimit("r", null, null, null, 10, 0), "exactly one");
    }
}
