package org.weft.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.net.Ip4Prefix;
import org.weft.net.PortNumber;
import org.weft.net.flow.Cookies;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;
import org.weft.net.policy.AclRule;
import org.weft.net.policy.PolicyMatch;

class AclCompilerTest {

    private static final Dpid DPID = Dpid.of(3);

    private static PolicyMatch tcpTo(String dst, int port) {
        return new PolicyMatch(
                null, null, null, null, Ip4Prefix.parse(dst), null, null, port, null, null);
    }

    @Test
    void linkPortsBypassThenRulesInOrderWithFallingPriorities() {
        AclRule deny = new AclRule("no-iperf", AclRule.Action.DENY, 10, tcpTo("10.0.0.2/32", 5201));
        AclRule allow = new AclRule("web", AclRule.Action.ALLOW, 5, tcpTo("10.0.0.0/24", 80));
        List<FlowRule> out =
                AclCompiler.compile(
                        DPID,
                        Set.of(PortNumber.of(1), PortNumber.of(2)),
                        List.of(
                                new AclCompiler.Numbered(7, allow),
                                new AclCompiler.Numbered(8, deny)));

        assertThat(out).hasSize(4);
        assertThat(out).allMatch(r -> r.tableId() == FlowRule.POLICY_TABLE);
        assertThat(out.subList(0, 2))
                .allMatch(r -> r.priority() == AclCompiler.BYPASS_PRIORITY)
                .allMatch(r -> r.actions().equals(List.of(new FlowAction.Continue())));
        FlowRule web = out.get(2);
        FlowRule iperf = out.get(3);
        assertThat(web.priority()).isEqualTo(AclCompiler.ACL_TOP);
        assertThat(iperf.priority()).isEqualTo(AclCompiler.ACL_TOP - 1);
        assertThat(web.actions()).containsExactly(new FlowAction.Continue());
        assertThat(iperf.actions()).as("deny drops").isEmpty();
        assertThat(iperf.match())
                .isEqualTo(
                        FlowMatch.builder()
                                .ethType(FlowMatch.ETH_TYPE_IPV4)
                                .ipProto(FlowMatch.IP_PROTO_TCP)
                                .ipv4Dst(Ip4Prefix.parse("10.0.0.2/32"))
                                .tcpDst(5201)
                                .build());
        assertThat(Cookies.appId(iperf.cookie())).isEqualTo(Cookies.POLICY_APP);
        assertThat(PolicyCookies.kind(iperf.cookie())).isEqualTo(PolicyCookies.ACL);
        assertThat(PolicyCookies.number(iperf.cookie())).isEqualTo(8);
        assertThat(PolicyCookies.kind(out.get(0).cookie())).isEqualTo(PolicyCookies.BYPASS);
    }

    @Test
    void orderThenIdDecides() {
        AclRule a = new AclRule("a", AclRule.Action.DENY, 5, PolicyMatch.ANY);
        AclRule b = new AclRule("b", AclRule.Action.DENY, 1, PolicyMatch.ANY);
        AclRule c = new AclRule("c", AclRule.Action.DENY, 5, PolicyMatch.ANY);
        assertThat(List.of(c, a, b).stream().sorted(AclCompiler.ORDER).map(AclRule::id))
                .containsExactly("b", "a", "c");
    }
}
