package org.weft.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.weft.net.Dpid;
import org.weft.net.PortNumber;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;
import org.weft.net.policy.AclRule;

/**
 * ACL rules as one switch's policy-table entries. Traffic arriving on an inter-switch port skips
 * the ACL (it was filtered at its ingress edge, and counters count each packet once): one entry per
 * such port at {@link #BYPASS_PRIORITY}, continue. Then the rules in order, one priority each below
 * {@link #ACL_TOP}: deny drops (no instruction), allow continues to forwarding. What matches
 * nothing falls to the stage's miss entry (continue): default allow.
 */
final class AclCompiler {

    static final int BYPASS_PRIORITY = 60000;
    static final int ACL_TOP = 50000;

    /** Rule order: ascending {@code order}, then id. */
    static final Comparator<AclRule> ORDER =
            Comparator.comparingInt(AclRule::order).thenComparing(AclRule::id);

    private AclCompiler() {}

    /**
     * @param rules the rules with their numbers, in {@link #ORDER}
     * @param linkPorts the switch's ports with a link to another switch
     */
    static List<FlowRule> compile(Dpid dpid, Set<PortNumber> linkPorts, List<Numbered> rules) {
        List<FlowRule> out = new ArrayList<>(linkPorts.size() + rules.size());
        for (PortNumber p : linkPorts) {
            out.add(
                    FlowRule.builder(dpid)
                            .table(FlowRule.POLICY_TABLE)
                            .priority(BYPASS_PRIORITY)
                            .match(FlowMatch.builder().inPort(p).build())
                            .actions(new FlowAction.Continue())
                            .cookie(PolicyCookies.of(PolicyCookies.BYPASS, 0))
                            .build());
        }
        int priority = ACL_TOP;
        for (Numbered n : rules) {
            AclRule r = n.rule();
            out.add(
                    FlowRule.builder(dpid)
                            .table(FlowRule.POLICY_TABLE)
                            .priority(priority--)
                            .match(r.match().toFlowMatch(null, null))
                            .actions(
                                    r.action() == AclRule.Action.ALLOW
                                            ? List.of(new FlowAction.Continue())
                                            : List.of())
                            .cookie(PolicyCookies.of(PolicyCookies.ACL, n.number()))
                            .build());
        }
        return out;
    }

    /** A rule with its number in the intent store (its cookie). */
    record Numbered(long number, AclRule rule) {}
}
